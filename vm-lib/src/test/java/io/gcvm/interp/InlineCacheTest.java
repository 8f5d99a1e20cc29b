package io.gcvm.interp;

import io.gcvm.bytecode.Program;
import io.gcvm.heap.Heap;
import io.gcvm.mitscript.compiler.Compiler;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The field-access inline caches hold a shape's pointer, which a compacting collection may
 * change: every collection must leave no cached pointer that is not a current shape's (a stale
 * one could come to name another shape moved into its place, and read the wrong field).
 */
class InlineCacheTest {

    @Test
    void noCollectionLeavesACacheNamingAShapeWhereItNoLongerIs() throws Exception {
        // one site (r.y) sees two shapes with y at different indices, collections in between
        String src = "f = fun(r) { return r.y; };\n"
                + "a = {x: 1; y: 2;}; b = {y: 3; z: 4;};\n"
                + "i = 0; s = \"\";\n"
                + "while (i < 40) { s = s + f(a) + f(b); i = i + 1; }\n"
                + "print(s);";
        Program program = Compiler.compile(src);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Interpreter[] interpreter = new Interpreter[1];
        List<String> stale = new ArrayList<>();
        long[] moved = new long[1];
        // collect at every allocation and move every movable object, the shapes included
        Heap heap = new Heap(2, new Heap.Options(true, true, true, false, 0, true), event -> {
            moved[0] += event.movedBytes();
            String s = interpreter[0].staleCacheEntry();
            if (s != null) stale.add(s);
        });
        GuestIO io = new GuestIO(InputStream.nullInputStream(), out);
        interpreter[0] = new Interpreter(program, heap, io, 0, true);
        interpreter[0].run();
        io.flush(true);
        assertEquals("23".repeat(40) + "\n", out.toString(StandardCharsets.ISO_8859_1));
        assertTrue(moved[0] > 0, "the collections moved objects");
        assertTrue(stale.isEmpty(), stale.size() + " collections left a stale cache, the first: " + (stale.isEmpty() ? "" : stale.get(0)));
    }
}

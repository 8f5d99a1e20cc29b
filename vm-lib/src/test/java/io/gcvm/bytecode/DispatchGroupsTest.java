package io.gcvm.bytecode;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The interpreter dispatches in a few switches by opcode range (split at {@link Op#DISPATCH_B},
 * {@link Op#DISPATCH_C}, ...), and the coldest opcodes ({@link Op#DISPATCH_COLD} on) in one
 * more, out of line; an opcode whose case sits in another range's switch would be a "bad opcode" at
 * run time. Checks the source: every opcode has exactly one case, in its range's
 * switch. (After a renumbering, {@code vm-bench/opcount.py --regroup} moves the cases.)
 */
class DispatchGroupsTest {

    @Test
    void everyOpcodeIsDispatchedInTheSwitchOfItsRange() throws IOException, IllegalAccessException {
        Map<String, Integer> numbers = new HashMap<>();
        Map<String, Integer> bounds = new TreeMap<>(); // DISPATCH_B, _C, ... in letter order
        for (Field f : Op.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != int.class) continue;
            if (!f.getName().startsWith("DISPATCH_")) numbers.put(f.getName(), f.getInt(null));
            else if (f.getName().length() == "DISPATCH_B".length()) bounds.put(f.getName(), f.getInt(null));
        }
        String src = Files.readString(Path.of("src/main/java/io/gcvm/interp/Interpreter.java"));
        int from = src.indexOf("// ---- dispatch"), to = src.indexOf("// ---- end of dispatch");
        assertTrue(from >= 0 && to > from, "dispatch markers");
        String dispatch = src.substring(from, to);
        // if (op < Op.DISPATCH_B) { switch ... } else if (op < Op.DISPATCH_C) { switch ... } ... else { switch ... }
        Matcher split = Pattern.compile("(?:\\} else )?(?:if \\(op < Op\\.(DISPATCH_[B-Z])\\) |\\} else )\\{\\s*switch \\(op\\)").matcher(dispatch);
        List<Integer> starts = new ArrayList<>();
        List<String> tests = new ArrayList<>();
        while (split.find()) {
            starts.add(split.end());
            tests.add(split.group(1));
        }
        List<String> expected = new ArrayList<>(bounds.keySet());
        expected.add(null); // the last switch: the rest
        assertEquals(expected, tests, "one switch per range, split at " + bounds);
        int coldFrom = src.indexOf("// ---- cold dispatch"), coldTo = src.indexOf("// ---- end of cold dispatch");
        assertTrue(coldFrom >= 0 && coldTo > coldFrom, "cold dispatch markers");
        List<String> switches = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) switches.add(dispatch.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : dispatch.length()));
        switches.add(src.substring(coldFrom, coldTo));
        List<Integer> low = new ArrayList<>(List.of(0));
        low.addAll(bounds.values());
        low.add(Op.DISPATCH_COLD);
        List<String> seen = new ArrayList<>();
        Pattern label = Pattern.compile("case Op\\.(\\w+):");
        for (int g = 0; g < switches.size(); g++) {
            int high = g + 1 < low.size() ? low.get(g + 1) : Integer.MAX_VALUE;
            Matcher m = label.matcher(switches.get(g));
            while (m.find()) {
                String name = m.group(1);
                int n = numbers.get(name);
                assertTrue(n >= low.get(g) && n < high, name + " (" + n + ") is in switch " + g + " of ranges from " + low.get(g));
                seen.add(name);
            }
        }
        assertEquals(numbers.size(), seen.size(), "one case per opcode: " + seen);
        assertEquals(numbers.keySet(), new java.util.HashSet<>(seen));
    }
}

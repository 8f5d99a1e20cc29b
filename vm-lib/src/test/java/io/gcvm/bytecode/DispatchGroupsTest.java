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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The interpreter dispatches in three switches by opcode range ({@link Op#DISPATCH_B},
 * {@link Op#DISPATCH_C}), and the coldest opcodes ({@link Op#DISPATCH_COLD} on) in a fourth,
 * out of line; an opcode whose case sits in another range's switch would be a "bad opcode" at
 * run time. Checks the source: every opcode has exactly one case, in its range's
 * switch. (After a renumbering, {@code vm-bench/opcount.py --regroup} moves the cases.)
 */
class DispatchGroupsTest {

    @Test
    void everyOpcodeIsDispatchedInTheSwitchOfItsRange() throws IOException, IllegalAccessException {
        Map<String, Integer> numbers = new HashMap<>();
        for (Field f : Op.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class && !f.getName().startsWith("DISPATCH_")) {
                numbers.put(f.getName(), f.getInt(null));
            }
        }
        String src = Files.readString(Path.of("src/main/java/io/gcvm/interp/Interpreter.java"));
        int from = src.indexOf("// ---- dispatch"), to = src.indexOf("// ---- end of dispatch");
        assertTrue(from >= 0 && to > from, "dispatch markers");
        String dispatch = src.substring(from, to);
        String[] groups = dispatch.split("if \\(op < Op\\.DISPATCH_B\\) \\{\\s*switch \\(op\\)|\\} else if \\(op < Op\\.DISPATCH_C\\) \\{\\s*switch \\(op\\)|\\} else \\{\\s*switch \\(op\\)", -1);
        assertEquals(4, groups.length, "three switches, split at DISPATCH_B and DISPATCH_C");
        int coldFrom = src.indexOf("// ---- cold dispatch"), coldTo = src.indexOf("// ---- end of cold dispatch");
        assertTrue(coldFrom >= 0 && coldTo > coldFrom, "cold dispatch markers");
        String[] switches = {groups[1], groups[2], groups[3], src.substring(coldFrom, coldTo)};
        int[] low = {0, Op.DISPATCH_B, Op.DISPATCH_C, Op.DISPATCH_COLD};
        int[] high = {Op.DISPATCH_B, Op.DISPATCH_C, Op.DISPATCH_COLD, Integer.MAX_VALUE};
        List<String> seen = new ArrayList<>();
        Pattern label = Pattern.compile("case Op\\.(\\w+):");
        for (int g = 0; g < switches.length; g++) {
            Matcher m = label.matcher(switches[g]);
            while (m.find()) {
                String name = m.group(1);
                int n = numbers.get(name);
                assertTrue(n >= low[g] && n < high[g], name + " (" + n + ") is in switch " + g + " of ranges from " + low[g]);
                seen.add(name);
            }
        }
        assertEquals(numbers.size(), seen.size(), "one case per opcode: " + seen);
        assertEquals(numbers.keySet(), new java.util.HashSet<>(seen));
    }
}

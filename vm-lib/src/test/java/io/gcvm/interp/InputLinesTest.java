package io.gcvm.interp;

import io.gcvm.Vm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * input() takes a line whole when its line break is already in the 8 KiB input buffer, and
 * byte by byte into a growing heap buffer otherwise. Both ways must give the same strings: lines
 * that cross a refill, one longer than the buffer, a "\r\n" split by a refill, a last line
 * without a break; plain, collecting at every allocation and moving every object (heap verified).
 */
class InputLinesTest {
    static final String ECHO = "l = input(); while (!(l == \"\")) { print(l); l = input(); }";

    /** Non-empty lines ("" is the end of input), "\r\n" or "\n" after each; fills {@code expected}. */
    private static String input(StringBuilder expected) {
        Random rnd = new Random(11);
        StringBuilder in = new StringBuilder();
        for (int n = 0; in.length() < 40_000; n++) {
            int len = n == 30 ? 20_000 : 1 + rnd.nextInt(300);
            boolean crlf = rnd.nextBoolean();
            if (in.length() < 8192 && in.length() + len + 2 > 8192) {
                len = 8191 - in.length(); // this line's "\r" is the buffer's last byte, its "\n" the next refill's first
                crlf = true;
            }
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < len; i++) line.append((char) ('a' + rnd.nextInt(26)));
            in.append(line).append(crlf ? "\r\n" : "\n");
            expected.append(line).append('\n');
        }
        in.append("last");
        expected.append("last\n");
        return in.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.gcvm.interp.IndexKeysTest#ways")
    void sameLinesEveryWay(String way, Vm.Builder b) {
        StringBuilder expected = new StringBuilder();
        byte[] in = input(expected).getBytes(StandardCharsets.ISO_8859_1);
        IndexKeysTest.check(b.stdin(new ByteArrayInputStream(in)), ECHO, expected.toString());
    }
}

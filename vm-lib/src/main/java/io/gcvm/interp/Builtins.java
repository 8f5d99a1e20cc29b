package io.gcvm.interp;

import io.gcvm.Outcome;
import io.gcvm.heap.ObjectKind;
import io.gcvm.heap.Strings;
import io.gcvm.heap.Value;

/**
 * {@code print}, {@code input} and {@code intcast}: ordinary global values (tag BUILTIN) that
 * the interpreter calls in place, with their arguments on the caller's operand stack.
 */
final class Builtins {
    private Builtins() {}

    static final int PRINT = 0, INPUT = 1, INTCAST = 2;
    private static final String[] NAMES = {"print", "input", "intcast"};
    private static final int[] ARITY = {1, 0, 1};

    /** Calls built-in {@code id}; the callee is at stack slot {@code base}, arguments above it. */
    static void call(Interpreter vm, int id, int base, int argc) {
        if (argc != ARITY[id]) {
            throw new GuestError(Outcome.RUNTIME_ERROR, NAMES[id] + " expects " + ARITY[id] + " argument"
                    + (ARITY[id] == 1 ? "" : "s") + " but got " + argc);
        }
        long[] mem = vm.mem();
        long result;
        switch (id) {
            case PRINT:
                vm.stringifier().print(base + 1);
                result = Value.NONE;
                break;
            case INPUT:
                result = readLine(vm);
                break;
            case INTCAST:
                result = Value.ofInt(intcast(mem, mem[base + 1]));
                break;
            default:
                throw new IllegalStateException("no built-in " + id);
        }
        mem[base] = result;
        vm.setSp(base + 1);
    }

    /**
     * One line of input without its line break ("\n", or "\r\n"); "" at end of input. The line
     * is gathered in a heap buffer that doubles as needed (rooted in the scratch register), then
     * copied into a string of the exact length.
     */
    private static long readLine(Interpreter vm) {
        long[] mem = vm.mem();
        int buffered = vm.io().bufferedLineLength();
        if (buffered >= 0) {
            // the whole line is in the input buffer: one string of the exact length, no scratch
            int len = buffered > 0 && vm.io().peek(buffered - 1) == '\r' ? buffered - 1 : buffered;
            int s = vm.heap().allocate(ObjectKind.STRING, Strings.wordsFor(len));
            mem[s + 1] = len;
            vm.io().takeInto(mem, s, len, buffered + 1);
            return Value.pointer(Value.TAG_STR, s);
        }
        int capacity = 64;
        int buf = vm.heap().allocate(ObjectKind.STRING, Strings.wordsFor(capacity));
        vm.scratch = Value.pointer(Value.TAG_STR, buf);
        int len = 0;
        for (int b = vm.io().read(); b >= 0 && b != '\n'; b = vm.io().read()) {
            if (len == capacity) {
                capacity *= 2;
                int bigger = vm.heap().allocate(ObjectKind.STRING, Strings.wordsFor(capacity));
                buf = Value.address(vm.scratch);
                System.arraycopy(mem, buf + Strings.HEADER_WORDS, mem, bigger + Strings.HEADER_WORDS, (len + 7) >>> 3);
                buf = bigger;
                vm.scratch = Value.pointer(Value.TAG_STR, buf);
            }
            Strings.setByte(mem, buf, len++, b);
        }
        if (len > 0 && Strings.byteAt(mem, buf, len - 1) == '\r') len--;
        int s = vm.heap().allocate(ObjectKind.STRING, Strings.wordsFor(len));
        mem[s + 1] = len;
        Strings.copy(mem, Value.address(vm.scratch), 0, s, 0, len);
        vm.scratch = Value.NONE;
        return Value.pointer(Value.TAG_STR, s);
    }

    /** C's atoi, strictly: white space, an optional sign, then at least one digit. Wraps at 32 bits. */
    static int intcast(long[] mem, long v) {
        if (Value.tag(v) != Value.TAG_STR) {
            throw new GuestError(Outcome.ILLEGAL_CAST, "intcast expects a string, not " + Value.kindName(v));
        }
        int s = Value.address(v);
        int len = Strings.length(mem, s);
        int i = 0;
        while (i < len && isSpace(Strings.byteAt(mem, s, i))) i++;
        boolean negative = false;
        if (i < len && (Strings.byteAt(mem, s, i) == '-' || Strings.byteAt(mem, s, i) == '+')) {
            negative = Strings.byteAt(mem, s, i) == '-';
            i++;
        }
        int start = i, n = 0;
        while (i < len && Strings.byteAt(mem, s, i) >= '0' && Strings.byteAt(mem, s, i) <= '9') {
            n = n * 10 + (Strings.byteAt(mem, s, i) - '0');
            i++;
        }
        if (i == start) {
            String text = Strings.toJava(mem, s);
            if (text.length() > 40) text = text.substring(0, 40) + "...";
            throw new GuestError(Outcome.ILLEGAL_CAST, "cannot convert \"" + text + "\" to an int");
        }
        return negative ? -n : n;
    }

    private static boolean isSpace(int b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0B || b == '\f';
    }
}

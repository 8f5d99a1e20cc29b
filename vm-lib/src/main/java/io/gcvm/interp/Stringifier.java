package io.gcvm.interp;

import io.gcvm.Outcome;
import io.gcvm.heap.Heap;
import io.gcvm.heap.ObjectKind;
import io.gcvm.heap.Records;
import io.gcvm.heap.Strings;
import io.gcvm.heap.Value;
import io.gcvm.heap.WriteBarrier;

import java.nio.charset.StandardCharsets;

/**
 * The spec's string conversion, used by {@code print}, by {@code +} with a string operand and
 * by record indexing.
 *
 * <p>Records nest to any depth, so conversion never recurses in Java: it walks the record graph
 * with an explicit work stack of (record, next field) pairs, kept in the heap (register
 * {@code work}) and grown there. It writes to one of three sinks: straight to the output
 * ({@code print}), counting bytes, or filling a heap string. A new string is made by a counting
 * pass, one allocation of the exact size, and a filling pass — no intermediate buffers. A cyclic
 * record has no finite conversion: the work stack grows until the heap is exhausted.
 */
final class Stringifier {
    private static final byte[] NONE = "None".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FUNCTION = "FUNCTION".getBytes(StandardCharsets.US_ASCII);

    private static final int COUNT = 0, FILL = 1, OUTPUT = 2;
    /** Int keys 0 .. INT_KEYS-1 get one shared string each (see {@code Interpreter.intKeys}). */
    static final int INT_KEYS = 1024;

    private final Interpreter vm;
    private final Heap heap;
    private final long[] mem;
    private final byte[] digits = new byte[11];
    private int mode;
    private long count;
    private int fillPos;

    Stringifier(Interpreter vm, Heap heap) {
        this.vm = vm;
        this.heap = heap;
        this.mem = heap.mem;
    }

    // ------------------------------------------------------------------ entry points

    /** Writes the value at stack slot {@code slot} and a newline to the output. */
    void print(int slot) {
        mode = OUTPUT;
        emit(slot);
        vm.io().write('\n');
        vm.work = Value.NONE;
    }

    /**
     * Replaces the {@code n} values on top of the stack by the concatenation of their string
     * conversions, in one string of the exact size: {@code a + b + c + ...} once one operand is a
     * string, with no intermediate strings (the compiler's {@code CONCAT}). A counting pass, one
     * allocation, a filling pass; the values stay on the stack (rooted) until the end.
     */
    void concat(int n) {
        int sp = vm.sp(), base = sp - n;
        mode = COUNT;
        count = 0;
        for (int i = base; i < sp; i++) emit(i);
        int s = newString(count, false); // the filling pass writes every word, in order (see put)
        vm.scratch = Value.pointer(Value.TAG_STR, s);
        mode = FILL;
        fillPos = 0;
        for (int i = base; i < sp; i++) emit(i);
        mem[base] = vm.scratch;
        vm.scratch = Value.NONE;
        vm.work = Value.NONE;
        vm.setSp(base + 1);
    }

    /** The string conversion of the value at stack slot {@code slot}, as a new heap string. */
    long toHeapString(int slot) {
        long v = mem[slot];
        if (Value.tag(v) == Value.TAG_INT) return intKey(Value.payload(v));
        mode = COUNT;
        count = 0;
        emit(slot);
        int s = newString(count);
        vm.scratch = Value.pointer(Value.TAG_STR, s);
        mode = FILL;
        fillPos = 0;
        emit(slot);
        long result = vm.scratch;
        vm.scratch = Value.NONE;
        vm.work = Value.NONE;
        return result;
    }

    /**
     * The decimal form of {@code n} as a heap string: for 0 <= n < {@link #INT_KEYS} the one
     * shared since the last collection, else a new one. Allocates.
     */
    long intKey(int n) {
        boolean small = n >= 0 && n < INT_KEYS;
        if (small) {
            if (vm.intKeys == Value.NONE) {
                vm.intKeys = Value.pointer(Value.TAG_OBJ, heap.allocate(ObjectKind.TABLE, 1 + INT_KEYS));
            } else {
                long known = mem[Value.address(vm.intKeys) + 1 + n];
                if (known != Value.NONE) return known;
            }
        }
        int from = Strings.decimal(n, digits);
        int s = newString(digits.length - from);
        for (int i = from; i < digits.length; i++) Strings.setByte(mem, s, i - from, digits[i]);
        long str = Value.pointer(Value.TAG_STR, s);
        // allocating may have collected, which drops the table. A table still held was made
        // since the last collection, so it is young and this store needs no write barrier.
        if (small && vm.intKeys != Value.NONE) mem[Value.address(vm.intKeys) + 1 + n] = str;
        return str;
    }

    private int newString(long length) { return newString(length, true); }

    /** A new string of {@code length} bytes, all zero if {@code cleared}. */
    private int newString(long length, boolean cleared) {
        if (length > Integer.MAX_VALUE - 64) {
            throw new GuestError(Outcome.OUT_OF_MEMORY, "a string of " + length + " bytes cannot exist under the memory limit");
        }
        int words = Strings.wordsFor((int) length);
        int s = cleared ? heap.allocate(ObjectKind.STRING, words) : heap.allocateUncleared(ObjectKind.STRING, words);
        mem[s + 1] = length;
        return s;
    }

    // ------------------------------------------------------------------ the walk

    private void emit(int slot) {
        long v = mem[slot];
        if (Value.tag(v) != Value.TAG_REC) {
            scalar(v);
            return;
        }
        put('{');
        ensureWork(1);
        setWork(0, mem[slot]); // read again: growing the work stack may have moved the record
        int depth = 1;
        while (depth > 0) {
            int e = Value.address(vm.work) + 1 + 2 * (depth - 1);
            int r = Value.address(mem[e]);
            int i = Value.payload(mem[e + 1]), count = Records.count(mem, r);
            if (i == 0) Records.sortKeys(mem, r); // a hashed dictionary's fields, in key order
            if (i == count) {
                put('}');
                depth--;
                if (depth > 0) put(' ');
                continue;
            }
            mem[e + 1] = Value.ofInt(i + 1);
            // fields in key order; an array's keys are its indices, in the order of their decimal forms
            if (Records.isArray(mem, r)) {
                i = Records.lexIndex(i, count);
                putInt(i);
            } else {
                putString(Value.address(Records.keyAt(mem, r, i)));
            }
            put(':');
            long val = Records.valueAt(mem, r, i);
            if (Value.tag(val) == Value.TAG_REC) {
                put('{');
                // growing the work stack may move objects: read the field again afterwards
                ensureWork(depth + 1);
                e = Value.address(vm.work) + 1 + 2 * (depth - 1);
                val = Records.valueAt(mem, Value.address(mem[e]), i);
                setWork(depth, val);
                depth++;
            } else {
                scalar(val);
                put(' ');
            }
        }
    }

    /** Makes room for {@code entries} entries on the work stack (may allocate, and so move objects). */
    private void ensureWork(int entries) {
        long w = vm.work;
        int capacity = w == Value.NONE ? 0 : (ObjectKind.size(mem[Value.address(w)]) - 1) / 2;
        if (entries <= capacity) return;
        int newCapacity = Math.max(8, capacity * 2);
        int t = heap.allocate(ObjectKind.TABLE, 1 + 2 * newCapacity);
        if (vm.work != Value.NONE) System.arraycopy(mem, Value.address(vm.work) + 1, mem, t + 1, 2 * capacity);
        vm.work = Value.pointer(Value.TAG_OBJ, t);
    }

    /** Sets work entry {@code index} to (record, next field 0); there must be room. */
    private void setWork(int index, long record) {
        int e = Value.address(vm.work) + 1 + 2 * index;
        WriteBarrier.store(mem, e, record);
        mem[e + 1] = Value.ofInt(0);
    }

    private void scalar(long v) {
        switch (Value.tag(v)) {
            case Value.TAG_NONE: put(NONE); break;
            case Value.TAG_BOOL: put(v == Value.TRUE ? TRUE : FALSE); break;
            case Value.TAG_INT: putInt(Value.payload(v)); break;
            case Value.TAG_STR: putString(Value.address(v)); break;
            case Value.TAG_FUN:
            case Value.TAG_BUILTIN: put(FUNCTION); break;
            default: throw new IllegalStateException("cannot convert internal value with tag " + Value.tag(v));
        }
    }

    private void putInt(int n) {
        if (mode == COUNT) {
            count += Strings.decimalLength(n);
        } else if (mode == FILL && n >= -9999999 && n <= 99999999) {
            // up to 8 characters: the digits as one packed word, written in one go
            int len = Strings.decimalLength(n);
            Strings.appendWord(mem, Value.address(vm.scratch), fillPos, Strings.packDecimal(n), len);
            fillPos += len;
        } else {
            int from = Strings.decimal(n, digits);
            for (int i = from; i < digits.length; i++) put(digits[i]);
        }
    }

    // ------------------------------------------------------------------ sinks

    /*
     * FILL writes a string's bytes strictly in order into memory that was not cleared: the
     * first byte written into a word assigns the whole word (zeros after it), later ones are
     * or-ed in; Strings.copy keeps to the same rule when its source starts on a word, as a whole
     * string's does. So every word ends up written and the padding after the last byte is zero.
     */
    private void put(int b) {
        switch (mode) {
            case COUNT: count++; break;
            case FILL: Strings.appendByte(mem, Value.address(vm.scratch), fillPos++, b); break;
            default: vm.io().write(b);
        }
    }

    private void put(byte[] bytes) {
        for (byte b : bytes) put(b);
    }

    private void putString(int s) {
        int len = Strings.length(mem, s);
        switch (mode) {
            case COUNT: count += len; break;
            case FILL:
                Strings.copy(mem, s, 0, Value.address(vm.scratch), fillPos, len);
                fillPos += len;
                break;
            default:
                GuestIO io = vm.io();
                for (int i = 0; i < len; i++) io.write(Strings.byteAt(mem, s, i));
        }
    }
}

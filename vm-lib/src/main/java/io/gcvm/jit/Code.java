package io.gcvm.jit;

import java.util.Arrays;

/**
 * The body of one JVM method being assembled: instructions, labels with forward references,
 * and the few operand forms {@link FunctionCompiler} uses. Branch offsets are 16 bits, so a
 * method stays under 32 KB of code or is not made ({@link ClassFile.TooLarge}).
 */
final class Code {
    // the JVM opcodes used (JVMS chapter 6)
    static final int ACONST_NULL = 0x01, ICONST_0 = 0x03, LCONST_0 = 0x09, BIPUSH = 0x10, SIPUSH = 0x11, LDC_W = 0x13, LDC2_W = 0x14;
    static final int ILOAD = 0x15, LLOAD = 0x16, ALOAD = 0x19, LALOAD = 0x2F, IALOAD = 0x2E;
    static final int ISTORE = 0x36, LSTORE = 0x37, ASTORE = 0x3A, LASTORE = 0x50;
    static final int DUP_X1 = 0x5A;
    static final int IADD = 0x60, LADD = 0x61, ISUB = 0x64, LSUB = 0x65, IMUL = 0x68, IDIV = 0x6C, IREM = 0x70;
    static final int LSHL = 0x79, IUSHR = 0x7C, LUSHR = 0x7D, IAND = 0x7E, IOR = 0x80, LOR = 0x81, IXOR = 0x82, LXOR = 0x83;
    static final int I2L = 0x85, L2I = 0x88, LCMP = 0x94;
    static final int IFEQ = 0x99, IFNE = 0x9A, IFLT = 0x9B, IFGE = 0x9C, IFGT = 0x9D, IFLE = 0x9E;
    static final int IF_ICMPEQ = 0x9F, IF_ICMPNE = 0xA0, IF_ICMPLT = 0xA1, IF_ICMPGE = 0xA2, IF_ICMPGT = 0xA3, IF_ICMPLE = 0xA4;
    static final int GOTO = 0xA7, TABLESWITCH = 0xAA, LRETURN = 0xAD, RETURN = 0xB1, ATHROW = 0xBF, WIDE = 0xC4;
    static final int GETFIELD = 0xB4, PUTFIELD = 0xB5, INVOKEVIRTUAL = 0xB6, INVOKESPECIAL = 0xB7, INVOKESTATIC = 0xB8;

    private final ClassFile cf;
    private byte[] b = new byte[256];
    private int n;
    /** The operand-stack bound written into the method: generous, since the verifier only checks it is not exceeded. */
    private final int maxStack = 16, maxLocals;
    /** Per label: its offset once bound (-1 before), and the branches waiting for it. */
    private int[] labelAt = new int[16];
    private int labels;
    private int[] fixups = new int[32]; // pairs: the branch's opcode offset, the label
    private int nFixups;
    private int[] wideFixups = new int[32]; // triples, for tableswitch: its opcode offset, the offset's own offset, the label
    private int nWideFixups;

    /** Past this many bytes (rounded up to the buffer's next doubling) the method is given up. */
    private final int limit;

    Code(ClassFile cf, int maxLocals) { this(cf, maxLocals, 0xFFFF); }

    Code(ClassFile cf, int maxLocals, int limit) {
        this.cf = cf;
        this.maxLocals = maxLocals;
        this.limit = limit;
    }

    int maxStack() { return maxStack; }

    /** Bytes of code so far. */
    int length() { return n; }

    int maxLocals() { return maxLocals; }

    // ------------------------------------------------------------------ raw bytes

    private void u1(int v) {
        if (n == b.length) {
            if (n >= limit) throw new ClassFile.TooLarge("method"); // stop early: the rest would be thrown away
            b = Arrays.copyOf(b, n * 2);
        }
        b[n++] = (byte) v;
    }

    private void u2(int v) {
        u1(v >> 8);
        u1(v);
    }

    private void u4(int v) {
        u2(v >> 16);
        u2(v);
    }

    void op(int opcode) { u1(opcode); }

    void op(int opcode, int u2operand) {
        u1(opcode);
        u2(u2operand);
    }

    // ------------------------------------------------------------------ operand forms

    void iconst(int v) {
        if (v >= -1 && v <= 5) u1(ICONST_0 + v);
        else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) { u1(BIPUSH); u1(v); }
        else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) { u1(SIPUSH); u2(v); }
        else op(LDC_W, cf.integer(v));
    }

    void lconst(long v) {
        if (v == 0 || v == 1) u1(LCONST_0 + (int) v);
        else op(LDC2_W, cf.longConstant(v));
    }

    /**
     * A load or store of JVM local {@code index}: the one-byte form ({@code iload_0}...) for
     * locals 0-3, the {@code wide} form past 255.
     */
    void local(int opcode, int index) {
        if (index < 0 || index > 0xFFFF) throw new IllegalArgumentException("local " + index);
        if (index > 255) {
            u1(WIDE);
            u1(opcode);
            u2(index);
        } else if (index <= 3 && opcode >= ILOAD && opcode <= ALOAD) u1(0x1A + (opcode - ILOAD) * 4 + index);
        else if (index <= 3 && opcode >= ISTORE && opcode <= ASTORE) u1(0x3B + (opcode - ISTORE) * 4 + index);
        else {
            u1(opcode);
            u1(index);
        }
    }

    void field(int opcode, String owner, String name, String descriptor) { op(opcode, cf.field(owner, name, descriptor)); }

    void invoke(int opcode, String owner, String name, String descriptor) { op(opcode, cf.method(owner, name, descriptor)); }

    // ------------------------------------------------------------------ labels and branches

    int newLabel() {
        if (labels == labelAt.length) labelAt = Arrays.copyOf(labelAt, labels * 2);
        labelAt[labels] = -1;
        return labels++;
    }

    void bind(int label) { labelAt[label] = n; }

    /** A branch ({@code IFxx}, {@code IF_ICMPxx}, {@code GOTO}, {@code IFNULL}...) to {@code label}. */
    void jump(int opcode, int label) {
        if (nFixups + 2 > fixups.length) fixups = Arrays.copyOf(fixups, fixups.length * 2);
        fixups[nFixups++] = n;
        fixups[nFixups++] = label;
        u1(opcode);
        u2(0);
    }

    /**
     * {@code tableswitch} on the int on the JVM stack: to {@code targets[i]} for i in
     * 0..count-1, to {@code targets[0]} for anything else.
     */
    void tableswitch(int[] targets, int count) {
        int at = n;
        u1(TABLESWITCH);
        while (n % 4 != 0) u1(0);
        wideBranch(at, targets[0]);
        u4(0);
        u4(count - 1);
        for (int i = 0; i < count; i++) wideBranch(at, targets[i]);
    }

    private void wideBranch(int opcodeAt, int label) {
        if (nWideFixups + 3 > wideFixups.length) wideFixups = Arrays.copyOf(wideFixups, wideFixups.length * 2);
        wideFixups[nWideFixups++] = opcodeAt;
        wideFixups[nWideFixups++] = n;
        wideFixups[nWideFixups++] = label;
        u4(0);
    }

    /** The finished body, every branch resolved. */
    byte[] bytes() {
        for (int i = 0; i < nWideFixups; i += 3) {
            int at = wideFixups[i], where = wideFixups[i + 1], target = labelAt[wideFixups[i + 2]];
            if (target < 0) throw new IllegalStateException("label never bound");
            int offset = target - at;
            for (int k = 0; k < 4; k++) b[where + k] = (byte) (offset >> (24 - 8 * k));
        }
        for (int i = 0; i < nFixups; i += 2) {
            int at = fixups[i], target = labelAt[fixups[i + 1]];
            if (target < 0) throw new IllegalStateException("label never bound");
            int offset = target - at;
            if (offset < Short.MIN_VALUE || offset > Short.MAX_VALUE) throw new ClassFile.TooLarge("branch");
            b[at + 1] = (byte) (offset >> 8);
            b[at + 2] = (byte) offset;
        }
        return Arrays.copyOf(b, n);
    }
}

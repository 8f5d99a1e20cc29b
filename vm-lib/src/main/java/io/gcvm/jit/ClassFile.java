package io.gcvm.jit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a JVM class file: a constant pool, a superclass, and methods made of {@link Code}.
 * Just what {@link FunctionCompiler} needs, no more.
 *
 * <p>The class files are of version 49 (Java 5): the JVM checks such a class with its
 * type-inferring verifier, so the methods need no {@code StackMapTable}, which a compiler this
 * small would otherwise have to compute for every branch target.
 */
final class ClassFile {
    static final int VERSION = 49;
    static final int ACC_PUBLIC = 0x0001, ACC_FINAL = 0x0010, ACC_SUPER = 0x0020;

    private final ByteArrayOutputStream poolBytes = new ByteArrayOutputStream();
    private final DataOutputStream pool = new DataOutputStream(poolBytes);
    private int poolCount = 1;
    private final String name;
    private final String superName;
    private final List<byte[]> methods = new ArrayList<>();

    /** {@code name} and {@code superName} are internal names ({@code io/gcvm/interp/X}). */
    ClassFile(String name, String superName) {
        this.name = name;
        this.superName = superName;
    }

    // ------------------------------------------------------------------ the constant pool

    // Every look-up of an entry compares with the entries made so far, allocating nothing: a
    // function's translation looks up the same few fields and methods hundreds of times, and
    // what the compiler allocates touches the JVM's young generation, which counts as resident
    // memory (a map keyed by concatenated strings made some 50 KB of garbage per function).
    // No lambdas either: the first one would set up the JVM's method-handle machinery.

    private static final int UTF8 = 1, INTEGER = 3, LONG = 5, CLASS = 7, FIELD = 9, METHOD = 10, NAME_AND_TYPE = 12;
    /** Per entry made: its tag, its index, its int or long value, or its one to three strings. */
    private int[] tags = new int[64], indices = new int[64];
    private long[] values = new long[64];
    private String[] s1 = new String[64], s2 = new String[64], s3 = new String[64];
    private int count;

    private int find(int tag, long value, String a, String b, String c) {
        for (int i = 0; i < count; i++) {
            if (tags[i] == tag && values[i] == value && java.util.Objects.equals(s1[i], a)
                    && java.util.Objects.equals(s2[i], b) && java.util.Objects.equals(s3[i], c)) {
                return indices[i];
            }
        }
        return 0;
    }

    private int added(int tag, long value, String a, String b, String c, int slots) {
        if (count == tags.length) {
            int n = count * 2;
            tags = java.util.Arrays.copyOf(tags, n);
            indices = java.util.Arrays.copyOf(indices, n);
            values = java.util.Arrays.copyOf(values, n);
            s1 = java.util.Arrays.copyOf(s1, n);
            s2 = java.util.Arrays.copyOf(s2, n);
            s3 = java.util.Arrays.copyOf(s3, n);
        }
        int i = poolCount;
        poolCount += slots;
        if (poolCount > 0xFFFF) throw new TooLarge("constant pool");
        tags[count] = tag;
        values[count] = value;
        s1[count] = a;
        s2[count] = b;
        s3[count] = c;
        indices[count++] = i;
        return i;
    }

    int utf8(String s) {
        int at = find(UTF8, 0, s, null, null);
        if (at != 0) return at;
        try {
            pool.writeByte(UTF8);
            pool.writeUTF(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return added(UTF8, 0, s, null, null, 1);
    }

    int classRef(String internalName) {
        int at = find(CLASS, 0, internalName, null, null);
        return at != 0 ? at : ref(CLASS, internalName, null, null, utf8(internalName), -1);
    }

    int integer(int v) { return number(INTEGER, v, 1); }

    /** A long takes two slots of the pool. */
    int longConstant(long v) { return number(LONG, v, 2); }

    private int number(int tag, long v, int slots) {
        int at = find(tag, v, null, null, null);
        if (at != 0) return at;
        try {
            pool.writeByte(tag);
            if (tag == LONG) pool.writeLong(v);
            else pool.writeInt((int) v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return added(tag, v, null, null, null, slots);
    }

    private int nameAndType(String n, String descriptor) {
        int at = find(NAME_AND_TYPE, 0, n, descriptor, null);
        return at != 0 ? at : ref(NAME_AND_TYPE, n, descriptor, null, utf8(n), utf8(descriptor));
    }

    int field(String owner, String n, String descriptor) {
        int at = find(FIELD, 0, owner, n, descriptor);
        return at != 0 ? at : ref(FIELD, owner, n, descriptor, classRef(owner), nameAndType(n, descriptor));
    }

    int method(String owner, String n, String descriptor) {
        int at = find(METHOD, 0, owner, n, descriptor);
        return at != 0 ? at : ref(METHOD, owner, n, descriptor, classRef(owner), nameAndType(n, descriptor));
    }

    /** A new entry of tag {@code tag} referring to one or two others ({@code y < 0}: one). */
    private int ref(int tag, String a, String b, String c, int x, int y) {
        try {
            pool.writeByte(tag);
            pool.writeShort(x);
            if (y >= 0) pool.writeShort(y);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return added(tag, 0, a, b, c, 1);
    }

    // ------------------------------------------------------------------ methods and the class

    /** Adds a method whose body is {@code code} (its labels all bound). */
    void addMethod(int access, String n, String descriptor, Code code) {
        byte[] body = code.bytes();
        if (body.length >= 0xFFFF) throw new TooLarge("method " + n);
        int nameIndex = utf8(n), descIndex = utf8(descriptor), codeIndex = utf8("Code");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeShort(access);
            out.writeShort(nameIndex);
            out.writeShort(descIndex);
            out.writeShort(1); // one attribute: Code
            out.writeShort(codeIndex);
            out.writeInt(2 + 2 + 4 + body.length + 2 + 2);
            out.writeShort(code.maxStack());
            out.writeShort(code.maxLocals());
            out.writeInt(body.length);
            out.write(body);
            out.writeShort(0); // no exception table
            out.writeShort(0); // no attributes
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        methods.add(bytes.toByteArray());
    }

    byte[] toBytes() {
        int thisIndex = classRef(name), superIndex = classRef(superName);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(VERSION);
            out.writeShort(poolCount);
            pool.flush();
            poolBytes.writeTo(out);
            out.writeShort(ACC_PUBLIC | ACC_FINAL | ACC_SUPER);
            out.writeShort(thisIndex);
            out.writeShort(superIndex);
            out.writeShort(0); // no interfaces
            out.writeShort(0); // no fields
            out.writeShort(methods.size());
            for (byte[] m : methods) out.write(m);
            out.writeShort(0); // no attributes
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A class file limit was reached: the function stays interpreted. */
    static final class TooLarge extends RuntimeException {
        TooLarge(String what) { super(what + " too large for a class file", null, false, false); }
    }
}

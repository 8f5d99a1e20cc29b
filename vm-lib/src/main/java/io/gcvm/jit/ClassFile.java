package io.gcvm.jit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    private final Map<String, Integer> entries = new HashMap<>();
    private int poolCount = 1;
    private final String name;
    private final String superName;
    private final List<byte[]> methods = new ArrayList<>();

    /** {@code name} and {@code superName} are internal names ({@code io/gcvm/interp/X}). */
    ClassFile(String name, String superName) {
        this.name = name;
        this.superName = superName;
    }

    String name() { return name; }

    // ------------------------------------------------------------------ the constant pool

    // No lambdas here: the first one would set up the JVM's method-handle machinery, some
    // milliseconds of start-up on a run's path (see the launcher's notes).

    /** The index of {@code key}'s entry if it has one, else 0 (and the caller writes it). */
    private int existing(String key) {
        Integer at = entries.get(key);
        return at == null ? 0 : at;
    }

    private int added(String key, int slots) {
        int i = poolCount;
        poolCount += slots;
        if (poolCount > 0xFFFF) throw new TooLarge("constant pool");
        entries.put(key, i);
        return i;
    }

    int utf8(String s) {
        String key = "U" + s;
        int at = existing(key);
        if (at != 0) return at;
        try {
            pool.writeByte(1);
            pool.writeUTF(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return added(key, 1);
    }

    int classRef(String internalName) {
        String key = "C" + internalName;
        int at = existing(key);
        return at != 0 ? at : ref(key, 7, utf8(internalName), -1, 1);
    }

    int integer(int v) {
        String key = "I" + v;
        int at = existing(key);
        if (at != 0) return at;
        try {
            pool.writeByte(3);
            pool.writeInt(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return added(key, 1);
    }

    /** A long takes two slots of the pool. */
    int longConstant(long v) {
        String key = "J" + v;
        int at = existing(key);
        if (at != 0) return at;
        try {
            pool.writeByte(5);
            pool.writeLong(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return added(key, 2);
    }

    private int nameAndType(String n, String descriptor) {
        String key = "N" + n + ":" + descriptor;
        int at = existing(key);
        return at != 0 ? at : ref(key, 12, utf8(n), utf8(descriptor), 1);
    }

    int field(String owner, String n, String descriptor) {
        String key = "F" + owner + "." + n + ":" + descriptor;
        int at = existing(key);
        return at != 0 ? at : ref(key, 9, classRef(owner), nameAndType(n, descriptor), 1);
    }

    int method(String owner, String n, String descriptor) {
        String key = "M" + owner + "." + n + descriptor;
        int at = existing(key);
        return at != 0 ? at : ref(key, 10, classRef(owner), nameAndType(n, descriptor), 1);
    }

    /** An entry of tag {@code tag} referring to one or two others ({@code b < 0}: one). */
    private int ref(String key, int tag, int a, int b, int slots) {
        try {
            pool.writeByte(tag);
            pool.writeShort(a);
            if (b >= 0) pool.writeShort(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return added(key, slots);
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

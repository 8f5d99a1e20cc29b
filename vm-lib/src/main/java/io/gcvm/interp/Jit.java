package io.gcvm.interp;

import io.gcvm.bytecode.FunctionProto;
import io.gcvm.jit.FunctionCompiler;

import java.lang.invoke.MethodHandles;

/**
 * When a guest function is compiled, and how its class is loaded. The interpreter counts calls
 * per function on its inline call path; at {@code threshold} calls the function is compiled and
 * defined as a hidden class of this package (so it may use the interpreter's package-private
 * registers), unloaded with the interpreter that made it. Everything it adds outside the
 * managed heap is bounded by the program text: one class per function, at most.
 *
 * <p>{@code -Dgcvm.jit.dump=DIR} writes each class file made into DIR, for {@code javap -c}.
 */
final class Jit {
    private Jit() {}

    /** The function compiled and loaded, or null when the compiler declines it (a class-file limit). */
    static CompiledFunction compile(FunctionProto proto, int fid) {
        byte[] bytes = FunctionCompiler.compile(proto, fid, "io/gcvm/interp/Compiled" + fid);
        if (bytes == null) return null;
        String dump = System.getProperty("gcvm.jit.dump");
        if (dump != null) write(java.nio.file.Path.of(dump, "Compiled" + fid + ".class"), bytes);
        CompiledFunction f;
        try {
            Class<?> k = MethodHandles.lookup().defineHiddenClass(bytes, true).lookupClass();
            f = (CompiledFunction) k.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            // the compiler made a class the JVM rejects: a VM bug, reported as one
            throw new IllegalStateException("compiled code for " + proto.name() + " rejected: " + e, e);
        }
        f.params = proto.params();
        f.locals = proto.locals();
        f.frameWords = proto.locals() + Frames.OPERANDS + proto.maxStack();
        return f;
    }

    private static void write(java.nio.file.Path file, byte[] bytes) {
        try {
            java.nio.file.Files.write(file, bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

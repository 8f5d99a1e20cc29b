package io.gcvm.bytecode;

/**
 * A compiled function: its code and what the interpreter needs to build its frame.
 * Its size depends only on the program text.
 *
 * @param name         a readable name ("main", or where the function literal starts)
 * @param params       number of parameters (they occupy slots 0..params-1)
 * @param locals       number of local slots (parameters included)
 * @param maxStack     deepest the operand stack of one activation gets
 * @param code         opcodes with inline operands
 * @param lines        source line of each code position
 * @param localNames   name of each slot (for the disassembler)
 * @param freeNames    names of the captured variables
 * @param freeFromLocal for captured variable i: true if it is the enclosing function's boxed
 *                     local slot {@code freeIndex[i]}, false if the enclosing function's own
 *                     captured variable {@code freeIndex[i]}
 * @param freeIndex    see freeFromLocal
 * @param stackMaps    which local slots are roots at each collection point ({@link Liveness})
 */
public record FunctionProto(String name, int params, int locals, int maxStack, int[] code, int[] lines,
                            String[] localNames, String[] freeNames, boolean[] freeFromLocal,
                            int[] freeIndex, Liveness.StackMaps stackMaps) {

    public int lineAt(int pc) { return pc >= 0 && pc < lines.length ? lines[pc] : 0; }
}

package io.gcvm.bytecode;

import java.util.List;

/**
 * A compiled program: functions (index 0 is the top level), the global names (the built-ins
 * {@code print}, {@code input}, {@code intcast} first), the constant strings, the shapes of its
 * record literals (each the sorted, distinct constant indices of its keys) and the number of
 * inline-cache sites. It refers to no heap: the interpreter loads constants and shapes into the
 * heap when a run starts.
 */
public record Program(List<FunctionProto> functions, List<String> globals, List<byte[]> constants,
                      List<int[]> shapes, int cacheSites) {

    public static final int GLOBAL_PRINT = 0;
    public static final int GLOBAL_INPUT = 1;
    public static final int GLOBAL_INTCAST = 2;
    public static final List<String> BUILTINS = List.of("print", "input", "intcast");

    public FunctionProto main() { return functions.get(0); }
}

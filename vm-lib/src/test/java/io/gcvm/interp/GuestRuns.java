package io.gcvm.interp;

import io.gcvm.Outcome;
import io.gcvm.Vm;
import io.gcvm.VmResult;
import io.gcvm.bytecode.Disassembler;
import io.gcvm.mitscript.syntax.SyntaxError;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Small guest programs for the interpreter's tests: run under collections at every allocation, or disassembled. */
final class GuestRuns {
    private GuestRuns() {}

    /** Runs {@code src} at 2 MB with the heap verifier on, collecting at every allocation and, if {@code move}, moving every object. */
    static VmResult run(String src, boolean move) {
        return Vm.builder().memoryMb(2).gcStress(true).gcStressMove(move).verifyHeap(true).build().run(src);
    }

    /**
     * What {@code src} prints, run to its end both ways: with collections at every allocation
     * that move no object and with ones that move every object (frames and operand stacks
     * included), which must print the same.
     */
    static String out(String src) {
        String plain = null;
        for (boolean move : new boolean[] {false, true}) {
            VmResult r = run(src, move);
            assertEquals(Outcome.OK, r.outcome(), r.errorDetail());
            if (plain != null) assertEquals(plain, r.output(), "moving every object changed the output");
            plain = r.output();
        }
        return plain;
    }

    /** The disassembly of {@code src}'s bytecode. */
    static String code(String src) throws SyntaxError { return Disassembler.disassemble(Vm.compile(src)); }

    /** How many times {@code word} occurs in {@code text}. */
    static int occurrences(String text, String word) { return text.split(word, -1).length - 1; }
}

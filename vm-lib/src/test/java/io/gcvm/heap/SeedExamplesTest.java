package io.gcvm.heap;

import io.gcvm.Outcome;
import io.gcvm.Vm;
import io.gcvm.VmResult;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two failures the seed report could not fix, each at a limit where the plain collector
 * runs out of memory: with the feature switched off the program stops with
 * OutOfMemoryException, with it on the program completes with the right output.
 */
class SeedExamplesTest {

    static String program(String name) throws IOException {
        try (InputStream in = SeedExamplesTest.class.getResourceAsStream("/seed-examples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    static VmResult run(String source, String input, Vm.Builder b) {
        return b.memoryMb(4).stdin(new ByteArrayInputStream(input.getBytes(StandardCharsets.US_ASCII)))
                .build().run(source);
    }

    @Test
    void fragmentationNeedsCompaction() throws IOException {
        String p = program("fragmentation.mit");
        String input = "100000\n12000\n";
        VmResult plain = run(p, input, Vm.builder().compaction(false));
        assertEquals(Outcome.OUT_OF_MEMORY, plain.outcome(), "a plain mark-sweep collector cannot reuse the holes");
        assertTrue(plain.errorDetail().contains("limit 4 MB"));

        long[] moved = {0};
        VmResult compacting = run(p, input, Vm.builder().gcListener(e -> moved[0] += e.movedBytes()));
        assertEquals(Outcome.OK, compacting.outcome(), compacting.errorText());
        // 6250 = 100000 / 16 nodes kept: v = 99999, 99983, ...; their sum in closed form
        long sum = 6250L * 99999 - 16L * (6249L * 6250 / 2);
        assertEquals("6250\n" + sum + "\n12000\n", compacting.output());
        assertTrue(moved[0] > 0, "objects were moved");
        assertTrue(compacting.heap().peakFootprintBytes() <= 4L << 20);
    }

    @Test
    void aDeadLocalNeedsLivenessPreciseRoots() throws IOException {
        String p = program("dead_local.mit");
        int n = 64000;
        VmResult imprecise = run(p, n + "\n", Vm.builder().liveness(false));
        assertEquals(Outcome.OUT_OF_MEMORY, imprecise.outcome(), "keeping `big` alive until foo returns does not fit");

        VmResult precise = run(p, n + "\n", Vm.builder());
        assertEquals(Outcome.OK, precise.outcome(), precise.errorText());
        assertEquals((int) ((long) n * (n - 1)) + "\n", precise.output(), "twice the sum 0..n-1, in 32 bits");
    }

    @Test
    void bothRunCorrectlyWhenEveryObjectMovesAtEveryCollection() throws IOException {
        // smaller inputs: stress mode collects at every allocation
        VmResult f = run(program("fragmentation.mit"), "1600\n300\n",
                Vm.builder().gcStress(true).gcStressMove(true).verifyHeap(true));
        assertEquals(Outcome.OK, f.outcome(), f.errorText());
        assertEquals("100\n" + (100L * 1599 - 16L * (99 * 100 / 2)) + "\n300\n", f.output());
        VmResult d = run(program("dead_local.mit"), "500\n",
                Vm.builder().gcStress(true).gcStressMove(true).verifyHeap(true));
        assertEquals(Outcome.OK, d.outcome(), d.errorText());
        assertEquals(500L * 499 + "\n", d.output());
    }
}

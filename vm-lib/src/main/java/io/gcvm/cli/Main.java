package io.gcvm.cli;

import io.gcvm.Outcome;
import io.gcvm.Vm;
import io.gcvm.VmResult;
import io.gcvm.bytecode.Disassembler;
import io.gcvm.mitscript.syntax.SyntaxError;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code gcvm [options] prog.mit}: runs a MITScript program under a memory limit.
 * See {@link #USAGE} for options and exit codes.
 */
public final class Main {
    static final int EXIT_USAGE = 64;
    static final int EXIT_NO_INPUT = 66;

    static final String USAGE = String.join("\n",
            "usage: gcvm [options] prog.mit",
            "",
            "Runs a MITScript program; input() reads standard input, print writes standard output.",
            "",
            "options:",
            "  -mem N, --mem N     heap limit in megabytes (default 64); everything the program",
            "                      allocates (objects, strings, frames, stacks, globals) counts",
            "  -s FILE             the program file (same as giving it as the last argument)",
            "  --stats             print heap statistics to standard error at exit",
            "  --gc-log            print one line per collection to standard error",
            "  --gc-stress         collect at every allocation, every other collection minor",
            "                      (slow; for testing the VM and its write barrier)",
            "  --gc-stress-move    collect at every allocation and move every movable object",
            "  --gc-stress-interval BYTES",
            "                      collect every BYTES bytes allocated: --stats' peak live is then",
            "                      exact to within BYTES, far faster than --gc-stress",
            "  --verify-heap       check the whole heap after every collection",
            "  --no-liveness       keep every local alive until its function returns",
            "  --no-compaction     never move objects (plain mark-sweep)",
            "  --no-generational   no minor collections: every collection traces the whole heap",
            "  --disassemble       print the compiled bytecode instead of running",
            "  --jit-threshold N   compile a function to JVM bytecode after N calls (default "
                    + Vm.DEFAULT_JIT_THRESHOLD + ")",
            "  --no-jit            interpret everything (the output is the same)",
            "  --timeout SECONDS   stop the program after this long",
            "  -h, --help          this text",
            "",
            "A guest error prints one line 'Name: detail' on standard output after whatever the",
            "program printed, like the course's reference VM; a syntax error prints",
            "'Error in line L, col C: ...'.",
            "",
            "exit status: 0 ok, 1 guest runtime error (UninitializedVariableException,",
            "IllegalCastException, IllegalArithmeticException, RuntimeException), 2 syntax error,",
            "3 OutOfMemoryException, 4 timeout, 5 the JVM cannot hold the -mem heap (its -Xmx is",
            "too small), 64 bad command line, 66 program file unreadable,",
            "70 internal VM error.");

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.in, new FileOutputStream(FileDescriptor.out), System.err));
    }

    /** The whole CLI, testable: returns the exit status. */
    public static int run(String[] args, InputStream stdin, OutputStream stdout, PrintStream stderr) {
        int mem = 64;
        String file = null;
        boolean stats = false, gcLog = false, stress = false, verify = false, disassemble = false;
        boolean stressMove = false, liveness = true, compaction = true, generational = true;
        long stressInterval = 0;
        int jitThreshold = Vm.DEFAULT_JIT_THRESHOLD;
        Duration timeout = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-mem", "--mem" -> mem = positive(a, value(args, ++i, a));
                    case "-s" -> file = value(args, ++i, a);
                    case "--stats" -> stats = true;
                    case "--gc-log" -> gcLog = true;
                    case "--gc-stress" -> stress = true;
                    case "--gc-stress-move" -> {
                        stress = true;
                        stressMove = true;
                    }
                    case "--gc-stress-interval" -> {
                        stress = true;
                        stressInterval = positive(a, value(args, ++i, a));
                    }
                    case "--no-liveness" -> liveness = false;
                    case "--no-compaction" -> compaction = false;
                    case "--no-generational" -> generational = false;
                    case "--verify-heap" -> verify = true;
                    case "--disassemble" -> disassemble = true;
                    case "--jit-threshold" -> jitThreshold = positive(a, value(args, ++i, a));
                    case "--no-jit" -> jitThreshold = 0;
                    case "--timeout" -> timeout = Duration.ofSeconds(positive(a, value(args, ++i, a)));
                    case "-h", "--help" -> {
                        PrintStream help = new PrintStream(stdout, true, StandardCharsets.UTF_8);
                        help.println(USAGE);
                        help.flush();
                        return 0;
                    }
                    default -> {
                        if (a.startsWith("--mem=")) mem = positive("--mem", a.substring(6));
                        else if (a.startsWith("-") && a.length() > 1) throw new Usage("unknown option " + a);
                        else if (file != null) throw new Usage("more than one program file: " + file + ", " + a);
                        else file = a;
                    }
                }
            }
            if (file == null) throw new Usage("no program file given");
        } catch (Usage u) {
            stderr.println("gcvm: " + u.getMessage());
            stderr.println(USAGE);
            return EXIT_USAGE;
        }

        // a FileInputStream, not java.nio.file.Files: the JVM has its class loaded already,
        // where Files.readAllBytes loads some 60 classes of the NIO file system at every run
        String source;
        try (java.io.FileInputStream in = new java.io.FileInputStream(file)) {
            source = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            stderr.println("gcvm: cannot read " + file + ": " + unreadable(file, e));
            return EXIT_NO_INPUT;
        }

        PrintStream out = new PrintStream(stdout, false, StandardCharsets.ISO_8859_1);
        if (disassemble) {
            try {
                out.print(Disassembler.disassemble(Vm.compile(source)));
                out.flush();
                return 0;
            } catch (SyntaxError e) {
                out.println(e.getMessage());
                out.flush();
                return Outcome.SYNTAX_ERROR.exitCode();
            }
        }

        Vm.Builder b = Vm.builder().memoryMb(mem).stdin(stdin).stdout(stdout)
                .gcStress(stress).gcStressMove(stressMove).gcStressInterval(stressInterval).verifyHeap(verify).timeout(timeout)
                .liveness(liveness).compaction(compaction).generational(generational).jitThreshold(jitThreshold);
        if (gcLog) b.gcListener(e -> stderr.println(e.logLine()));
        VmResult r = b.build().run(source);
        if (r.outcome() != Outcome.OK) {
            out.println(r.errorText());
            out.flush();
        }
        if (stats) {
            stderr.println(r.heap().describe());
            stderr.println("time:              " + io.gcvm.heap.GcEvent.millis(r.elapsedNanos()) + " ms");
        }
        return r.outcome().exitCode();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new Usage(option + " needs a value");
        return args[i];
    }

    private static int positive(String option, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n < 1) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new Usage(option + " needs a positive whole number, got '" + v + "'");
        }
    }

    private static final class Usage extends RuntimeException {
        Usage(String m) { super(m, null, false, false); }
    }

    /** Why {@code file} could not be read, in lower case: FileInputStream says "FILE (Reason)". */
    private static String unreadable(String file, Exception e) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage();
        if (!(e instanceof java.io.FileNotFoundException)) return why;
        if (!new java.io.File(file).exists()) return "no such file";
        if (why.startsWith(file + " (") && why.endsWith(")")) why = why.substring(file.length() + 2, why.length() - 1);
        return why.isEmpty() ? why : Character.toLowerCase(why.charAt(0)) + why.substring(1);
    }
}

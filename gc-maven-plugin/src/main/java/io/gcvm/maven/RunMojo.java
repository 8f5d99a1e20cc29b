package io.gcvm.maven;

import io.gcvm.Vm;
import io.gcvm.heap.HeapStats;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Runs the MITScript programs of a directory on gc-vm and checks each one: its standard output
 * against {@code X.mit.out}, its end (normal, or the error its {@code @expect} names), its
 * memory limit and its time limit. Writes one results file per run and a summary under
 * {@code target/gc-vm-reports}, prints one line per run and a totals line, and fails the build
 * when any run fails (after all of them have run), unless {@code failOnError} is off.
 *
 * <p>Next to each {@code X.mit}: {@code X.mit.out} (expected standard output; for a program
 * expected to fail, what it prints before the error) and optionally {@code X.mit.in}
 * (standard input). A program's own settings are comment lines at its top:
 * {@code // @mem 12}, {@code // @timeout 60}, {@code // @expect OutOfMemoryException},
 * {@code // @oom-mem 3} (also run it at 3 MB, where it must stop with OutOfMemoryException:
 * reported as its own entry {@code X.mit@oom}).
 */
@Mojo(name = "run", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class RunMojo extends AbstractMojo {

    /** Skip running the programs. */
    @Parameter(property = "gcvm.skip", defaultValue = "false")
    private boolean skip;

    /** Also skip when the build skips tests ({@code -DskipTests}), as surefire and failsafe do. */
    @Parameter(property = "skipTests", defaultValue = "false")
    private boolean skipTests;

    /** Where the programs are. A directory that does not exist means there is nothing to run. */
    @Parameter(property = "gcvm.programsDirectory", defaultValue = "${project.basedir}/src/gcvm")
    private File programsDirectory;

    /**
     * Ant-style patterns (relative to the programs directory) of the programs to run; default
     * {@code **}{@code /*.mit}. On the command line: comma-separated.
     */
    @Parameter(property = "gcvm.includes")
    private List<String> includes;

    /** Ant-style patterns of programs not to run. On the command line: comma-separated. */
    @Parameter(property = "gcvm.excludes")
    private List<String> excludes;

    /**
     * Run only these programs: comma-separated names, each a file name ({@code hello.mit} or
     * {@code hello}), a path relative to the programs directory, or an Ant-style pattern. Fails
     * the build when a name matches nothing.
     */
    @Parameter(property = "gcvm.program")
    private String program;

    /**
     * Fail when a name given in {@code gcvm.program} matches no program of an existing programs
     * directory (a module without a programs directory is always just skipped).
     */
    @Parameter(property = "gcvm.failIfNoProgram", defaultValue = "true")
    private boolean failIfNoProgram;

    /** Memory limit in MB for programs without an {@code @mem} directive (the CLI's default). */
    @Parameter(property = "gcvm.mem", defaultValue = "64")
    private int mem;

    /** Time limit in seconds for programs without an {@code @timeout} directive. */
    @Parameter(property = "gcvm.timeout", defaultValue = "60")
    private int timeout;

    /** How many programs run at once; 0 means one per available processor. */
    @Parameter(property = "gcvm.threads", defaultValue = "0")
    private int threads;

    /**
     * Run each program in a JVM of its own through the CLI (the {@code ./gcvm} command line)
     * instead of in the build's JVM, and apply the outside RSS meter.
     */
    @Parameter(property = "gcvm.fork", defaultValue = "false")
    private boolean fork;

    /** Fail the build when a program fails. When false, failures are reported but the build goes on. */
    @Parameter(property = "gcvm.failOnError", defaultValue = "true")
    private boolean failOnError;

    /** Also run the {@code @oom-mem} checks ({@code X.mit@oom} entries). */
    @Parameter(property = "gcvm.oomChecks", defaultValue = "true")
    private boolean oomChecks;

    /** Collect at every allocation (slow; for testing the VM itself). */
    @Parameter(property = "gcvm.gcStress", defaultValue = "false")
    private boolean gcStress;

    /** Check the whole heap after every collection. */
    @Parameter(property = "gcvm.verifyHeap", defaultValue = "false")
    private boolean verifyHeap;

    /** In-process: collect at every allocation (or every {@code gcStressInterval} bytes) and move every movable object each time. */
    @Parameter(property = "gcvm.gcStressMove", defaultValue = "false")
    private boolean gcStressMove;

    /** In-process, with stress: collect once every this many bytes allocated instead of at every allocation (0: every allocation). */
    @Parameter(property = "gcvm.gcStressInterval", defaultValue = "0")
    private long gcStressInterval;

    /** Fork mode: check peak RSS against the empty-program baseline. */
    @Parameter(property = "gcvm.rssCheck", defaultValue = "true")
    private boolean rssCheck;

    /**
     * Fork mode: how the outside meter reads peak RSS: {@code time} (GNU {@code /usr/bin/time
     * -v}), {@code proc} (polling {@code VmHWM} in {@code /proc/<pid>/status}), {@code none}, or
     * {@code auto}: time when it is there, else proc, else none.
     */
    @Parameter(property = "gcvm.rssMeter", defaultValue = "auto")
    private String rssMeter;

    /** Fork mode: how many MB beyond the memory limit the RSS may grow over the baseline. */
    @Parameter(property = "gcvm.rssSlackMb", defaultValue = "5")
    private int rssSlackMb;

    /**
     * Fork mode: JVM options added after the launcher's own ({@code -XX:+UseSerialGC
     * -Xmn2m -Xmx<N+48>m -XX:-UsePerfData}), space-separated; used for the baseline too.
     */
    @Parameter(property = "gcvm.forkJvmArgs")
    private String forkJvmArgs;

    /** Fork mode: the {@code java} executable; default: the one running Maven. */
    @Parameter(property = "gcvm.jvm")
    private File jvm;

    /** Where the results files go. */
    @Parameter(property = "gcvm.reportsDirectory", defaultValue = "${project.build.directory}/gc-vm-reports")
    private File reportsDirectory;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    private File basedir;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    private File buildDirectory;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Log log = getLog();
        if (skip || skipTests) {
            log.info("gc-vm: skipped (" + (skip ? "gcvm.skip" : "skipTests") + ")");
            return;
        }
        Path dir = programsDirectory.toPath();
        if (!Files.isDirectory(dir)) {
            // also with gcvm.program: in a multi-module build most modules have no programs
            log.info("gc-vm: no programs directory " + display(dir) + ", nothing to run");
            return;
        }
        if (mem < 1) throw new MojoExecutionException("gcvm.mem must be at least 1, got " + mem);
        if (timeout < 1) throw new MojoExecutionException("gcvm.timeout must be at least 1, got " + timeout);

        List<String> rels;
        try {
            rels = Programs.scan(dir, nonEmpty(includes, List.of("**/*.mit")), nonEmpty(excludes, List.of()));
        } catch (IOException e) {
            throw new MojoExecutionException("gc-vm: cannot list " + display(dir) + ": " + e, e);
        }
        rels.removeIf(r -> !r.endsWith(".mit") && (r.endsWith(".out") || r.endsWith(".in")));
        boolean single = program != null && !program.isBlank();
        if (single) {
            List<String> wanted = Arrays.stream(program.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .toList();
            for (String w : wanted) {
                if (rels.stream().noneMatch(r -> Programs.named(r, w))) {
                    String msg = "gc-vm: no program named '" + w + "' in " + display(dir) + " (gcvm.program); there are: "
                            + String.join(", ", rels);
                    if (failIfNoProgram) throw new MojoFailureException(msg + " (gcvm.failIfNoProgram=false: only warn)");
                    log.warn(msg);
                }
            }
            rels.removeIf(r -> wanted.stream().noneMatch(w -> Programs.named(r, w)));
        }
        if (rels.isEmpty()) {
            log.warn("gc-vm: no programs in " + display(dir) + " match " + nonEmpty(includes, List.of("**/*.mit")));
            return;
        }

        List<Job> jobs = new ArrayList<>();
        for (String rel : rels) {
            jobs.addAll(Programs.jobs(dir, rel, display(dir.resolve(rel)), mem, timeout, oomChecks));
        }

        Path reports = reportsDirectory.toPath();
        try {
            Files.createDirectories(reports);
            if (!single) deleteOldResults(reports);
        } catch (IOException e) {
            throw new MojoExecutionException("gc-vm: cannot prepare " + display(reports) + ": " + e, e);
        }

        Runner runner = makeRunner();
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        n = Math.max(1, Math.min(n, jobs.size()));
        log.info(String.format(Locale.ROOT, "gc-vm: running %d program%s%s from %s (%s, %d thread%s)",
                rels.size(), rels.size() == 1 ? "" : "s",
                jobs.size() > rels.size() ? " (" + (jobs.size() - rels.size()) + " @oom-mem check"
                        + (jobs.size() - rels.size() == 1 ? "" : "s") + ")" : "",
                display(dir), runner.mode(), n, n == 1 ? "" : "s"));
        if (runner instanceof ForkRunner f && rssCheck && f.meter() == ForkRunner.Meter.NONE) {
            log.warn("gc-vm: outside meter off (gcvm.rssMeter=none, or neither GNU /usr/bin/time nor /proc here): "
                    + "peak RSS is not checked");
        } else if (runner instanceof ForkRunner f && rssCheck) {
            log.info("gc-vm: outside meter: peak RSS by " + f.meter().description
                    + ", against the same command on an empty program at -mem 1; allowed growth: limit + " + rssSlackMb
                    + " MB");
        }

        long start = System.nanoTime();
        Instant when = Instant.now();
        List<ProgramResult> results = runAll(jobs, runner, n, reports, when);
        long wall = System.nanoTime() - start;
        results.sort(Comparator.comparing(r -> r.job().name()));
        try {
            ResultsXml.writeSummary(reports, results, runner.mode(), n, wall, when);
        } catch (IOException e) {
            throw new MojoExecutionException("gc-vm: cannot write " + ResultsXml.SUMMARY + ": " + e, e);
        }
        finish(results, wall, reports);
    }

    private Runner makeRunner() throws MojoExecutionException {
        if (!fork) return new InProcessRunner(gcStress, verifyHeap, gcStressMove, gcStressInterval);
        try {
            Path vmJar = Path.of(Vm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path java = jvm != null ? jvm.toPath()
                    : Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
            List<String> extra = forkJvmArgs == null || forkJvmArgs.isBlank() ? List.of()
                    : Arrays.asList(forkJvmArgs.trim().split("\\s+"));
            ForkRunner.Meter m = switch (rssMeter == null ? "auto" : rssMeter.trim().toLowerCase(Locale.ROOT)) {
                case "auto", "" -> null;
                case "time" -> ForkRunner.Meter.TIME;
                case "proc" -> ForkRunner.Meter.PROC;
                case "none" -> ForkRunner.Meter.NONE;
                default -> throw new MojoExecutionException("gcvm.rssMeter must be auto, time, proc or none, got '"
                        + rssMeter + "'");
            };
            return new ForkRunner(java, vmJar, extra, gcStress, verifyHeap, rssCheck, rssSlackMb,
                    buildDirectory.toPath().resolve("gc-vm-fork"), m);
        } catch (URISyntaxException | IOException | RuntimeException e) {
            throw new MojoExecutionException("gc-vm: cannot set up fork mode: " + e, e);
        }
    }

    private List<ProgramResult> runAll(List<Job> jobs, Runner runner, int n, Path reports, Instant when)
            throws MojoExecutionException {
        AtomicInteger ids = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "gc-vm-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gc-vm-watchdog");
            t.setDaemon(true);
            return t;
        });
        // In-process, every run holds an N MB heap: keep the sum of the limits of the runs going
        // at once within half of what this JVM may still use.
        long maxMb = Runtime.getRuntime().maxMemory() >> 20;
        int budgetMb = (int) Math.max(64, Math.min(Integer.MAX_VALUE, maxMb / 2));
        Semaphore memory = new Semaphore(budgetMb);
        boolean inProcess = runner instanceof InProcessRunner;
        CompletionService<ProgramResult> done = new ExecutorCompletionService<>(pool);
        List<Future<ProgramResult>> futures = new ArrayList<>();
        for (Job job : jobs) {
            futures.add(done.submit(() -> {
                int permits = inProcess ? Math.min(budgetMb, job.memMb() + 1) : 0;
                return execute(job, runner, memory, permits, watchdog);
            }));
        }
        List<ProgramResult> results = new ArrayList<>();
        try {
            for (int i = 0; i < jobs.size(); i++) {
                ProgramResult r = done.take().get();
                results.add(r);
                logResult(r);
                try {
                    ResultsXml.writeProgram(reports, r, runner.mode(), when);
                } catch (IOException e) {
                    throw new MojoExecutionException("gc-vm: cannot write the results of " + r.job().name() + ": "
                            + e, e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("gc-vm: interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new MojoExecutionException("gc-vm: " + e.getCause(), e.getCause());
        } finally {
            for (Future<ProgramResult> f : futures) f.cancel(true);
            pool.shutdownNow();
            watchdog.shutdownNow();
        }
        return results;
    }

    private ProgramResult execute(Job job, Runner runner, Semaphore memory, int permits,
                                  ScheduledExecutorService watchdog) throws InterruptedException {
        if (job.setupError() != null) return Judge.judge(job, null, null);
        String expected;
        try {
            expected = Files.isRegularFile(job.expectedOut())
                    ? new String(Files.readAllBytes(job.expectedOut()), StandardCharsets.ISO_8859_1) : null;
        } catch (IOException e) {
            return Judge.judge(job, RunData.failed("cannot read " + job.displayFile() + ".out: " + e, 0,
                    job.memMb()), null);
        }
        memory.acquire(permits);
        Thread self = Thread.currentThread();
        // the VM stops itself at its deadline; this is the backstop if it somehow does not
        ScheduledFuture<?> dog = watchdog.schedule(self::interrupt, job.timeoutSec() + ForkRunner.KILL_GRACE_SEC,
                TimeUnit.SECONDS);
        RunData run;
        try {
            run = runner.run(job);
        } catch (InterruptedException e) {
            run = RunData.failed("interrupted after " + (job.timeoutSec() + ForkRunner.KILL_GRACE_SEC) + " s", 0,
                    job.memMb());
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            run = RunData.failed("could not run " + job.displayFile() + ": " + e, 0, job.memMb());
        } finally {
            dog.cancel(false);
            Thread.interrupted();
            memory.release(permits);
        }
        return Judge.judge(job, run, expected);
    }

    private void logResult(ProgramResult r) {
        Log log = getLog();
        RunData run = r.run();
        HeapStats h = run == null ? RunData.emptyStats(r.job().memMb()) : run.heap();
        String line = String.format(Locale.ROOT, "%-24s %-30s %7.2f s %4d MB %7d GCs  pause %8.2f ms (max %6.2f)  "
                        + "peak heap %6.2f MB  live %6.2f MB",
                r.verdict(), r.job().name(), (run == null ? 0 : run.elapsedNanos()) / 1e9, r.job().memMb(),
                h.collections(), h.totalPauseNanos() / 1e6, h.maxPauseNanos() / 1e6,
                h.peakFootprintBytes() / 1048576.0, h.liveBytesAfterLastGc() / 1048576.0);
        if (run != null && run.rss() != null) {
            line += String.format(Locale.ROOT, "  rss +%.1f MB", run.rss().deltaKb() / 1024.0);
        }
        if (r.passed()) {
            log.info(line);
            return;
        }
        log.error(line);
        log.error("    " + r.message());
        if (r.diff() != null) {
            for (String d : r.diff().head(Judge.LOG_DIFF_LINES)) log.error("    " + d);
        }
    }

    private void finish(List<ProgramResult> results, long wall, Path reports) throws MojoFailureException {
        Log log = getLog();
        List<ProgramResult> failed = results.stream().filter(r -> !r.passed()).toList();
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (ProgramResult r : failed) counts.merge(r.verdict(), 1, Integer::sum);
        String totals = String.format(Locale.ROOT, "Programs run: %d, Passed: %d, Failed: %d%s, Time elapsed: %.2f s",
                results.size(), results.size() - failed.size(), failed.size(),
                counts.isEmpty() ? "" : " (" + counts.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining(", ")) + ")", wall / 1e9);
        log.info("");
        log.info("gc-vm results (" + display(reports) + "):");
        if (!failed.isEmpty()) {
            log.error("Failed programs:");
            for (ProgramResult r : failed) log.error("  " + r.job().name() + ": " + r.verdict() + ": " + r.message());
            log.error(totals);
        } else {
            log.info(totals);
        }
        log.info("");
        if (failed.isEmpty()) return;
        String list = failed.stream().map(r -> r.job().name() + " " + r.verdict() + ": " + r.message())
                .collect(Collectors.joining("\n  ", "\n  ", ""));
        if (failOnError) {
            throw new MojoFailureException(failed.size() + " of " + results.size() + " gc-vm program"
                    + (results.size() == 1 ? "" : "s") + " failed:" + list + "\nResults: " + display(reports));
        }
        log.warn("gc-vm: " + failed.size() + " program" + (failed.size() == 1 ? "" : "s")
                + " failed; the build goes on because gcvm.failOnError is false");
    }

    /** Removes results files of an earlier full run, so a deleted program leaves none behind. */
    private static void deleteOldResults(Path reports) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(reports, "*.xml")) {
            for (Path p : ds) Files.deleteIfExists(p);
        }
    }

    private String display(Path p) {
        Path base = basedir.toPath().toAbsolutePath();
        Path abs = p.toAbsolutePath();
        return abs.startsWith(base) ? base.relativize(abs).toString().replace('\\', '/') : abs.toString();
    }

    private static List<String> nonEmpty(List<String> l, List<String> dflt) {
        if (l == null) return dflt;
        List<String> out = new ArrayList<>();
        for (String s : l) {
            if (s == null) continue;
            for (String part : s.split(",")) if (!part.isBlank()) out.add(part.trim());
        }
        return out.isEmpty() ? dflt : out;
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("win");
    }
}

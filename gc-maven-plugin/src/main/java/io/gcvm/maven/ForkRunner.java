package io.gcvm.maven;

import io.gcvm.Outcome;
import io.gcvm.heap.GcEvent;
import io.gcvm.heap.HeapStats;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs each program in a JVM of its own, through the same command the {@code ./gcvm} launcher
 * runs: {@code MALLOC_ARENA_MAX=2 java -XX:+UseSerialGC -XX:TieredStopAtLevel=1
 * -XX:PretenureSizeThreshold=1m -XX:-UsePerfData -XX:CompileCommand=... -Xmn2m -Xmx<N+48>m -cp <vm-lib jar> io.gcvm.cli.Main
 * -mem N --timeout T --stats --gc-log prog.mit}, with {@code X.mit.in} as standard input. Standard output and error go to files under the work directory (kept, for
 * a look after a failure). The exit status, the error line the CLI prints last on standard
 * output, and the {@code --stats} / {@code --gc-log} lines on standard error give the same
 * figures as an in-process run (the per-collection series at KiB resolution, without the
 * allocation clock).
 *
 * <p>The outside meter: the process' peak resident set size, read from {@code /usr/bin/time
 * -v} ("Maximum resident set size") when that is GNU time, else by polling the high-water mark
 * {@code VmHWM} in {@code /proc/<pid>/status} every 10 ms until the process exits, is compared
 * with the same figure for the same command on an empty program at {@code -mem 1} (the
 * median of three runs, measured once), as {@code tools/rss-meter.sh} does: a run whose peak exceeds that baseline by more
 * than N MB + the slack (5 MB) fails.
 */
public final class ForkRunner implements Runner {
    /** Seconds a forked JVM gets beyond its own {@code --timeout} before it is killed. */
    static final int KILL_GRACE_SEC = 30;

    private static final Pattern STAT = Pattern.compile("^([a-z ]+):\\s*([0-9.]+)");
    private static final Pattern GC_LINE = Pattern.compile(
            "^\\[gc #(\\d+) (\\S+)\\] (\\d+)K -> (\\d+)K \\(live (\\d+)K, limit (\\d+)K"
                    + "(?:, moved (\\d+)K)?\\) pause ([0-9.]+) ms");
    private static final Pattern SYNTAX = Pattern.compile("Error in line (\\d+), col (\\d+): (.*)$");
    private static final Pattern GUEST_ERROR;

    static {
        StringBuilder names = new StringBuilder();
        for (Outcome o : Outcome.values()) {
            if (o == Outcome.OK || o == Outcome.SYNTAX_ERROR) continue;
            if (names.length() > 0) names.append('|');
            names.append(Pattern.quote(o.errorName()));
        }
        GUEST_ERROR = Pattern.compile("(" + names + "): (.*?)(?: \\(line (\\d+)\\))?$");
    }

    /** How peak RSS is read. */
    public enum Meter {
        TIME("/usr/bin/time -v (Maximum resident set size)"),
        PROC("/proc/<pid>/status VmHWM, polled every 10 ms"),
        NONE("not available on this system");

        public final String description;

        Meter(String d) { this.description = d; }
    }

    private final Path java;
    private final Path vmClasspath;
    private final List<String> extraJvmArgs;
    private final boolean gcStress;
    private final boolean verifyHeap;
    private final boolean rssCheck;
    private final int rssSlackMb;
    private final Path workDir;
    private final Meter meter;
    private final Map<Integer, CompletableFuture<Long>> baselines = new HashMap<>();

    /**
     * @param meter how to read peak RSS; null: {@code /usr/bin/time -v} when it is GNU time, else
     *              {@code /proc}, else none
     */
    public ForkRunner(Path java, Path vmClasspath, List<String> extraJvmArgs, boolean gcStress, boolean verifyHeap,
                      boolean rssCheck, int rssSlackMb, Path workDir, Meter meter) throws IOException {
        this.java = java;
        this.vmClasspath = vmClasspath;
        this.extraJvmArgs = List.copyOf(extraJvmArgs);
        this.gcStress = gcStress;
        this.verifyHeap = verifyHeap;
        this.rssCheck = rssCheck;
        this.rssSlackMb = rssSlackMb;
        this.workDir = workDir;
        Files.createDirectories(workDir);
        Files.writeString(workDir.resolve("empty.mit"), "");
        Files.writeString(workDir.resolve("empty.in"), "");
        this.meter = !rssCheck ? Meter.NONE : meter != null ? meter : detectMeter(workDir);
    }

    @Override
    public String mode() { return "fork"; }

    public Meter meter() { return meter; }

    /**
     * The launcher's JVM flags for a {@code mem} MB heap limit: what {@code ./gcvm} runs (a unit
     * test compares them with the script, when it is there). Each is explained in the script.
     */
    public static List<String> launcherJvmFlags(int mem) {
        return List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:PretenureSizeThreshold=1m",
                "-XX:-UsePerfData", "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=CompileThresholdScaling,io.gcvm.interp.Compiled*::run,0.01", "-Xmn2m", "-Xmx" + (mem + 48) + "m", "-Xlog:disable", "-Xlog:all=warning:stderr");
    }

    /** The launcher's environment: {@code MALLOC_ARENA_MAX=2} unless already set. */
    public static final String MALLOC_ARENA_MAX = "MALLOC_ARENA_MAX";

    /** The command for one run, without the RSS wrapper. */
    public List<String> command(int mem, int timeoutSec, Path program) {
        List<String> c = new ArrayList<>();
        c.add(java.toString());
        c.addAll(launcherJvmFlags(mem));
        c.addAll(extraJvmArgs);
        c.addAll(List.of("-cp", vmClasspath.toString(), "io.gcvm.cli.Main", "-mem", String.valueOf(mem),
                "--timeout", String.valueOf(timeoutSec), "--stats", "--gc-log"));
        if (gcStress) c.add("--gc-stress");
        if (verifyHeap) c.add("--verify-heap");
        c.add(program.toString());
        return c;
    }

    @Override
    public RunData run(Job job) throws Exception {
        String base = ResultsXml.fileName(job.name()).replaceAll("\\.xml$", "");
        Path out = workDir.resolve(base + ".stdout");
        Path err = workDir.resolve(base + ".stderr");
        Path time = workDir.resolve(base + ".rss");
        List<String> cmd = command(job.memMb(), job.timeoutSec(), job.file().toAbsolutePath());
        Files.writeString(workDir.resolve(base + ".cmd"), String.join(" ", cmd) + "\n");
        Launch l = launch(cmd, job.stdin(), out, err, time, job.timeoutSec() + KILL_GRACE_SEC);
        RunData r = parse(job.memMb(), l.exitCode, l.killed, job.timeoutSec(),
                new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1), err, l.wallNanos);
        if (meter != Meter.NONE && l.peakKb > 0 && r.launchError() == null) {
            long baseline = baseline();
            if (baseline > 0) {
                r = r.withRss(new Rss(l.peakKb, baseline, ((long) job.memMb() + rssSlackMb) << 10, meter.description));
            }
        }
        return r;
    }

    /** The memory limit of the baseline run: 1 MB, what the JVM costs before any guest memory exists. */
    static final int BASELINE_MEM = 1;

    /** Runs of the empty program the baseline is the median of. */
    static final int BASELINE_RUNS = 3;

    /**
     * Peak RSS (KiB) of the launcher command on an empty program at {@code -mem 1}: the median
     * of {@link #BASELINE_RUNS} runs (as {@code tools/rss-meter.sh} and {@code vm-bench/run.sh}
     * take it), since one run's peak varies by up to 0.8 MB here; measured once, by whichever
     * run needs it first. -1 if a run of the empty program failed.
     */
    long baseline() throws Exception {
        CompletableFuture<Long> f;
        boolean mine = false;
        synchronized (baselines) {
            f = baselines.get(BASELINE_MEM);
            if (f == null) {
                f = new CompletableFuture<>();
                baselines.put(BASELINE_MEM, f);
                mine = true;
            }
        }
        if (mine) {
            try {
                Path empty = workDir.resolve("empty.mit");
                List<String> cmd = command(BASELINE_MEM, 60, empty);
                Files.writeString(workDir.resolve("baseline.cmd"), String.join(" ", cmd) + "\n");
                long[] peaks = new long[BASELINE_RUNS];
                for (int i = 0; i < BASELINE_RUNS; i++) {
                    String name = "baseline-" + (i + 1);
                    Launch l = launch(cmd, null, workDir.resolve(name + ".stdout"), workDir.resolve(name + ".stderr"),
                            workDir.resolve(name + ".rss"), 60 + KILL_GRACE_SEC);
                    peaks[i] = l.exitCode == 0 ? l.peakKb : -1;
                }
                f.complete(medianOrFailed(peaks));
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
            }
        }
        return f.get();
    }

    /** The median of the peaks, or -1 if any is -1 (a run that failed). */
    static long medianOrFailed(long[] peaks) {
        long[] sorted = peaks.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 || sorted[0] < 0 ? -1 : sorted[sorted.length / 2];
    }

    private record Launch(int exitCode, boolean killed, long peakKb, long wallNanos) {}

    private Launch launch(List<String> cmd, Path stdin, Path out, Path err, Path timeFile, int killAfterSec)
            throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (meter == Meter.TIME) full.addAll(List.of("/usr/bin/time", "-v", "-o", timeFile.toString()));
        full.addAll(cmd);
        ProcessBuilder pb = new ProcessBuilder(full);
        pb.environment().putIfAbsent(MALLOC_ARENA_MAX, "2");
        pb
                .redirectInput((stdin != null ? stdin : workDir.resolve("empty.in")).toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(killAfterSec);
        Process p = pb.start();
        long hwm = -1;
        boolean killed = false;
        try {
            while (!p.waitFor(meter == Meter.PROC ? 10 : 100, TimeUnit.MILLISECONDS)) {
                if (meter == Meter.PROC) hwm = Math.max(hwm, readHwm(p.pid()));
                if (System.nanoTime() - deadline > 0) {
                    killTree(p);
                    killed = true;
                    break;
                }
            }
        } catch (InterruptedException e) {
            killTree(p);
            throw e;
        }
        long wall = System.nanoTime() - start;
        long peak = meter == Meter.TIME ? readTimeFile(timeFile) : hwm;
        return new Launch(p.exitValue(), killed, peak, wall);
    }

    private static void killTree(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor();
    }

    static long readHwm(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | RuntimeException gone) {
            // exited between polls
        }
        return -1;
    }

    static long readTimeFile(Path f) {
        try {
            for (String line : Files.readAllLines(f)) {
                String t = line.trim();
                if (t.startsWith("Maximum resident set size")) return Long.parseLong(t.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | RuntimeException e) {
            // no figure
        }
        return -1;
    }

    private static Meter detectMeter(Path workDir) {
        Path time = Path.of("/usr/bin/time");
        if (Files.isExecutable(time)) {
            try {
                Path f = workDir.resolve("time-probe.txt");
                Process p = new ProcessBuilder(time.toString(), "-v", "-o", f.toString(), "true")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && readTimeFile(f) > 0) return Meter.TIME;
            } catch (IOException | InterruptedException e) {
                // fall through
            }
        }
        if (Files.isReadable(Path.of("/proc/self/status"))) return Meter.PROC;
        return Meter.NONE;
    }

    /**
     * Reads back what the CLI reported. {@code stdout} is everything it printed; the error line
     * (when the status says there was an error) is its last line.
     */
    static RunData parse(int memMb, int exit, boolean killed, int timeoutSec, String stdout, Path stderr,
                         long wallNanos) throws IOException {
        Map<String, Double> stats = new HashMap<>();
        GcSeries series = new GcSeries().precision(GcSeries.FROM_GC_LOG);
        List<String> other = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(stderr, StandardCharsets.ISO_8859_1)) {
            for (String line; (line = r.readLine()) != null; ) {
                Matcher g = GC_LINE.matcher(line);
                if (g.find()) {
                    series.onCollection(new GcEvent(Integer.parseInt(g.group(1)), g.group(2), kb(g.group(3)),
                            kb(g.group(4)), kb(g.group(5)), kb(g.group(6)),
                            (long) (Double.parseDouble(g.group(8)) * 1e6), -1,
                            g.group(7) == null ? 0 : kb(g.group(7))));
                    continue;
                }
                Matcher s = STAT.matcher(line);
                if (s.find()) {
                    stats.put(s.group(1).trim(), Double.parseDouble(s.group(2)));
                } else if (other.size() < 20) {
                    other.add(line);
                }
            }
        }
        HeapStats heap = new HeapStats(
                stat(stats, "heap limit", (long) memMb << 20), (int) stat(stats, "collections", 0),
                (long) (stats.getOrDefault("total pause", 0.0) * 1e6),
                (long) (stats.getOrDefault("longest pause", 0.0) * 1e6),
                stat(stats, "bytes allocated", 0), stat(stats, "objects allocated", 0),
                stat(stats, "peak footprint", 0), stat(stats, "live after last gc", 0),
                stat(stats, "peak live", 0), stat(stats, "final footprint", 0));
        long elapsed = stats.containsKey("time") ? (long) (stats.get("time") * 1e6) : wallNanos;
        String errTail = other.isEmpty() ? "" : "; its standard error: " + String.join(" | ", other);

        if (killed) {
            return new RunData(Outcome.TIMEOUT, "killed after " + (timeoutSec + KILL_GRACE_SEC) + " s", 0, 0, stdout,
                    heap, wallNanos, series, null, null);
        }
        if (exit == 0) return new RunData(Outcome.OK, null, 0, 0, stdout, heap, elapsed, series, null, null);
        Outcome byExit = null;
        for (Outcome o : Outcome.values()) if (o != Outcome.OK && o.exitCode() == exit) byExit = o;
        if (byExit == null) {
            return RunData.failed("the forked VM exited with status " + exit + errTail, wallNanos, memMb);
        }
        // the error line is the last line of standard output
        String body = stdout.endsWith("\n") ? stdout.substring(0, stdout.length() - 1) : stdout;
        int nl = body.lastIndexOf('\n');
        String last = body.substring(nl + 1);
        String before = body.substring(0, nl + 1);
        if (exit == Outcome.SYNTAX_ERROR.exitCode()) {
            Matcher m = SYNTAX.matcher(last);
            if (m.find()) {
                return new RunData(Outcome.SYNTAX_ERROR, m.group(3), Integer.parseInt(m.group(1)),
                        Integer.parseInt(m.group(2)), before + last.substring(0, m.start()), heap, elapsed, series,
                        null, null);
            }
        } else {
            Matcher m = GUEST_ERROR.matcher(last);
            if (m.find()) {
                Outcome o = Outcome.byErrorName(m.group(1));
                if (o != null && o.exitCode() == exit) {
                    return new RunData(o, m.group(2), m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), 0,
                            before + last.substring(0, m.start()), heap, elapsed, series, null, null);
                }
            }
        }
        return RunData.failed("the forked VM exited with status " + exit + " (" + byExit.errorName()
                + ") but its last line of output is not an error line: '" + last + "'" + errTail, wallNanos, memMb);
    }

    private static long kb(String s) {
        return Long.parseLong(s) * 1024;
    }

    private static long stat(Map<String, Double> stats, String key, long dflt) {
        Double d = stats.get(key);
        return d == null ? dflt : d.longValue();
    }
}

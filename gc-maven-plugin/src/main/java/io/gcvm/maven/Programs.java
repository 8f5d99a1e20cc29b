package io.gcvm.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds programs (Ant-style includes/excludes) and turns them into {@link Job}s. */
public final class Programs {
    private Programs() {}

    /**
     * The files under {@code dir} matching an include and no exclude, as paths relative to
     * {@code dir} with {@code /} separators, sorted.
     */
    public static List<String> scan(Path dir, List<String> includes, List<String> excludes) throws IOException {
        List<Pattern> inc = includes.stream().map(Programs::antToRegex).toList();
        List<Pattern> exc = excludes.stream().map(Programs::antToRegex).toList();
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (inc.stream().anyMatch(m -> m.matcher(rel).matches())
                        && exc.stream().noneMatch(m -> m.matcher(rel).matches())) {
                    out.add(rel);
                }
            });
        }
        Collections.sort(out);
        return out;
    }

    /**
     * An Ant-style pattern as a regular expression: {@code **} any number of directories,
     * {@code *} any characters but {@code /}, {@code ?} one such character; a pattern ending in
     * {@code /} means everything under that directory.
     */
    static Pattern antToRegex(String pattern) {
        String p = pattern.trim().replace('\\', '/');
        if (p.startsWith("/")) p = p.substring(1);
        if (p.endsWith("/")) p = p + "**";
        StringBuilder r = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '*' && i + 1 < p.length() && p.charAt(i + 1) == '*') {
                boolean slashAfter = i + 2 < p.length() && p.charAt(i + 2) == '/';
                if (slashAfter) {
                    r.append("(?:.*/)?");
                    i += 2;
                } else {
                    r.append(".*");
                    i += 1;
                }
            } else if (c == '*') {
                r.append("[^/]*");
            } else if (c == '?') {
                r.append("[^/]");
            } else {
                r.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(r.toString());
    }

    /** Whether {@code rel} (a path relative to the programs directory) is named by {@code wanted}. */
    public static boolean named(String rel, String wanted) {
        String w = wanted.trim().replace('\\', '/');
        if (w.isEmpty()) return false;
        String file = rel.substring(rel.lastIndexOf('/') + 1);
        String w2 = w.endsWith(".mit") ? w : w + ".mit";
        return rel.equals(w2) || file.equals(w2) || antToRegex(w2).matcher(rel).matches();
    }

    /**
     * The jobs of one program: its own run, and a second one for {@code @oom-mem} when it has
     * that directive and {@code oomChecks} is on. A program whose directives cannot be read
     * gives one job that carries the error.
     *
     * @param rel         the path relative to the programs directory
     * @param displayFile how messages show the program (relative to the project)
     */
    public static List<Job> jobs(Path dir, String rel, String displayFile, int defaultMem, int defaultTimeout,
                                 boolean oomChecks) {
        Path file = dir.resolve(rel);
        Path out = dir.resolve(rel + ".out");
        Path in = dir.resolve(rel + ".in");
        Path stdin = Files.isRegularFile(in) ? in : null;
        Directives d;
        try {
            String source = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            d = Directives.parse(source, displayFile);
        } catch (Directives.DirectiveException e) {
            return List.of(new Job(rel, displayFile, file, out, stdin, defaultMem, defaultTimeout, null, false,
                    e.getMessage()));
        } catch (IOException e) {
            return List.of(new Job(rel, displayFile, file, out, stdin, defaultMem, defaultTimeout, null, false,
                    "cannot read " + displayFile + ": " + e));
        }
        int mem = d.mem() != null ? d.mem() : defaultMem;
        int timeout = d.timeout() != null ? d.timeout() : defaultTimeout;
        List<Job> jobs = new ArrayList<>();
        jobs.add(new Job(rel, displayFile, file, out, stdin, mem, timeout, d.expect(), false, null));
        if (d.oomMem() != null && oomChecks) {
            String err = d.oomMem() >= mem
                    ? displayFile + ":" + d.oomMemLine() + ": @oom-mem " + d.oomMem() + " must be below the memory limit "
                    + mem + " MB" : null;
            jobs.add(new Job(rel + Job.OOM_SUFFIX, displayFile, file, out, stdin, d.oomMem(), timeout,
                    io.gcvm.Outcome.OUT_OF_MEMORY.errorName(), true, err));
        }
        return jobs;
    }
}

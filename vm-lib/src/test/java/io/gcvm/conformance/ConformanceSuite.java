package io.gcvm.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The conformance programs under {@code src/test/resources/conformance}: each {@code X.mit}
 * with its expected standard output {@code X.mit.out}, an optional {@code X.mit.in} for
 * {@code input()}, and for a program that must fail, {@code X.mit.err} holding the start of
 * the error line (the error's name, or {@code Error in line L, col C}).
 */
public final class ConformanceSuite {
    private ConformanceSuite() {}

    /** One program and what it must do. */
    public record Case(String name, Path file, String source, String input, String expectedOut, String expectedError) {
        public boolean mustFail() { return expectedError != null; }
    }

    public static Path root() {
        try {
            return Path.of(ConformanceSuite.class.getResource("/conformance").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Case> cases() {
        Path root = root();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".mit")).sorted()
                    .map(p -> load(root, p)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Case load(Path root, Path mit) {
        String name = root.relativize(mit).toString().replace('\\', '/');
        String err = read(sibling(mit, ".err"));
        return new Case(name, mit, read(mit), read(sibling(mit, ".in")),
                require(read(sibling(mit, ".out")), name + ".out"), err == null ? null : err.strip());
    }

    private static Path sibling(Path mit, String suffix) {
        return mit.resolveSibling(mit.getFileName() + suffix);
    }

    private static String require(String s, String what) {
        if (s == null) throw new IllegalStateException("missing " + what);
        return s;
    }

    static String read(Path p) {
        try {
            return Files.exists(p) ? new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

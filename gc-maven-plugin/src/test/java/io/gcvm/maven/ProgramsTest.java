package io.gcvm.maven;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgramsTest {

    @Test
    void antPatterns() {
        assertTrue(Programs.antToRegex("**/*.mit").matcher("a.mit").matches());
        assertTrue(Programs.antToRegex("**/*.mit").matcher("x/y/a.mit").matches());
        assertFalse(Programs.antToRegex("*.mit").matcher("x/a.mit").matches());
        assertTrue(Programs.antToRegex("x/**").matcher("x/y/a.mit").matches());
        assertTrue(Programs.antToRegex("slow/").matcher("slow/a.mit").matches());
        assertTrue(Programs.antToRegex("a?.mit").matcher("ab.mit").matches());
        assertFalse(Programs.antToRegex("a.mit").matcher("a.mit.out").matches());
    }

    @Test
    void names() {
        assertTrue(Programs.named("sub/hello.mit", "hello"));
        assertTrue(Programs.named("sub/hello.mit", "hello.mit"));
        assertTrue(Programs.named("sub/hello.mit", "sub/hello"));
        assertTrue(Programs.named("sub/hello.mit", "**/h*"));
        assertFalse(Programs.named("sub/hello.mit", "hell"));
    }

    @Test
    void scanAndJobs(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("a.mit"), "// @mem 8\n// @oom-mem 2\nprint(1);\n");
        Files.writeString(dir.resolve("a.mit.out"), "1\n");
        Files.writeString(dir.resolve("a.mit.in"), "x\n");
        Files.writeString(dir.resolve("sub/b.mit"), "// @memory 8\n");
        Files.writeString(dir.resolve("sub/c.mit"), "print(2);\n");
        assertEquals(List.of("a.mit", "sub/b.mit", "sub/c.mit"), Programs.scan(dir, List.of("**/*.mit"), List.of()));
        assertEquals(List.of("a.mit", "sub/c.mit"), Programs.scan(dir, List.of("**/*.mit"), List.of("**/b.mit")));

        List<Job> a = Programs.jobs(dir, "a.mit", "src/gcvm/a.mit", 64, 60, true);
        assertEquals(2, a.size());
        assertEquals("a.mit", a.get(0).name());
        assertEquals(8, a.get(0).memMb());
        assertEquals(dir.resolve("a.mit.in"), a.get(0).stdin());
        assertEquals("a.mit@oom", a.get(1).name());
        assertEquals(2, a.get(1).memMb());
        assertEquals("OutOfMemoryException", a.get(1).expect());
        assertTrue(a.get(1).oomCheck());
        assertEquals(1, Programs.jobs(dir, "a.mit", "src/gcvm/a.mit", 64, 60, false).size());

        List<Job> b = Programs.jobs(dir, "sub/b.mit", "src/gcvm/sub/b.mit", 64, 60, true);
        assertEquals(1, b.size());
        assertTrue(b.get(0).setupError().startsWith("src/gcvm/sub/b.mit:1: unknown directive '@memory'"));

        Job c = Programs.jobs(dir, "sub/c.mit", "src/gcvm/sub/c.mit", 64, 60, true).get(0);
        assertEquals(64, c.memMb());
        assertEquals(60, c.timeoutSec());
        assertNull(c.stdin());
        assertNull(c.expect());
    }

    @Test
    void oomMemNotBelowTheDefaultLimit(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.mit"), "// @oom-mem 16\nprint(1);\n");
        List<Job> jobs = Programs.jobs(dir, "a.mit", "a.mit", 16, 60, true);
        assertEquals("a.mit:1: @oom-mem 16 must be below the memory limit 16 MB", jobs.get(1).setupError());
    }
}

package io.gcvm.maven;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Fork mode must run programs the way the {@code ./gcvm} launcher does: this compares
 * {@link ForkRunner#launcherJvmFlags} with the launcher script of this repository, so a change
 * to one without the other fails the build.
 */
class LauncherFlagsTest {

    @Test
    void forkModeUsesTheLaunchersJvmFlags() throws Exception {
        Path script = Path.of("..", "gcvm");
        assumeTrue(Files.isRegularFile(script), "no ../gcvm launcher next to this module");
        String text = Files.readString(script);
        // the exec line and its continuation lines, up to the class path
        Matcher exec = Pattern.compile("(?m)^exec java ((?:.*\\\\\\n)*.*)$").matcher(text);
        assertTrue(exec.find(), "no 'exec java' line in ../gcvm");
        String cmd = exec.group(1).replace("\\\n", " ");
        cmd = cmd.substring(0, cmd.indexOf("-cp ")).replace("$((mem + 48))", String.valueOf(7 + 48));
        List<String> flags = new ArrayList<>(List.of(cmd.trim().split("\\s+")));
        assertEquals(flags, ForkRunner.launcherJvmFlags(7), "the launcher's JVM flags changed: update ForkRunner");
        assertTrue(text.contains("export MALLOC_ARENA_MAX=\"${MALLOC_ARENA_MAX:-2}\""),
                "the launcher's MALLOC_ARENA_MAX changed: update ForkRunner");
    }
}

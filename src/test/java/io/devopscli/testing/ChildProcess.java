package io.devopscli.testing;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A script or program run to its end, stdin empty, its output through files (no pipe to fill up). */
public final class ChildProcess {
    /** What it exited with and printed. */
    public record Ended(int code, String out, String err) {}

    private ChildProcess() {
    }

    /**
     * Runs command with env added to this JVM's environment less the variables in unset, its stdout in out
     * and its stderr beside it; fails the test when it outlives limit.
     */
    public static Ended run(List<String> command, Map<String, String> env, List<String> unset, Path out, Duration limit)
            throws Exception {
        Path err = Path.of(out + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        unset.forEach(builder.environment()::remove);
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after " + limit.toSeconds() + " s: " + command);
        }
        return new Ended(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}

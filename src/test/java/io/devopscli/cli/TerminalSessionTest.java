package io.devopscli.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.testing.Cli;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a person at a terminal meets it: a child JVM on a pseudo-terminal made by util-linux
 * `script`, whose stdin we type into (a typed Ctrl-C becomes SIGINT through the terminal's line
 * discipline, exactly as at a keyboard). Piped output is checked in-process beside it.
 */
@EmulatorTest
class TerminalSessionTest {
    private static final Pattern TIMESTAMPED = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ  \\S");

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        Emulator.reset();
    }

    /** A running CLI on a pty: everything it wrote so far, and a way to type. */
    private static final class PtyRun implements AutoCloseable {
        final Process process;
        final StringBuffer screen = new StringBuffer();
        private final OutputStream keyboard;

        PtyRun(String cliArgs) throws IOException {
            process = Cli.onTerminal(cliArgs).start();
            keyboard = process.getOutputStream();
            Thread reader = new Thread(() -> {
                try (InputStream in = process.getInputStream()) {
                    byte[] buf = new byte[4096];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        screen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        void type(String keys) throws IOException {
            keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        }

        void awaitScreen(Predicate<String> condition, String what) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!condition.test(screen.toString())) {
                if (System.nanoTime() > deadline || !process.isAlive() && !condition.test(screen.toString())) {
                    throw new AssertionError("never saw " + what + ":\n" + screen);
                }
                Thread.sleep(20);
            }
        }

        int exit() throws InterruptedException {
            assertTrue(process.waitFor(180, TimeUnit.SECONDS), "still running:\n" + screen);
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private static String endpoint() {
        return "--endpoint-url " + Emulator.endpoint();
    }

    @Test
    void onATerminalReadingIsOneLiveLinePerRegion() throws Exception {
        try (PtyRun run = new PtyRun("status --no-live " + endpoint())) {
            assertEquals(0, run.exit(), run.screen.toString());
            String screen = run.screen.toString();
            assertTrue(screen.contains("\r\u001b[Kreading us-east-1 "), "the live line is redrawn in place: " + screen);
            assertTrue(Pattern.compile("reading us-east-1 \\d+/88  us-east-2 \\d+/86  \\d+s").matcher(screen).find(), screen);
            assertFalse(TIMESTAMPED.matcher(screen).find(), "no timestamps on a terminal");
        }
    }

    /** Colour only on a terminal, and never with --no-color (the live line's cursor control stays). */
    @Test
    void noColorTurnsTheColoursOff() throws Exception {
        assertEquals(0, Cli.inProcess("up", "--yes", "--endpoint-url", Emulator.endpoint().toString()).code());
        try (PtyRun coloured = new PtyRun("status --regions us-east-1 " + endpoint())) {
            assertEquals(0, coloured.exit(), coloured.screen.toString());
            assertTrue(coloured.screen.toString().contains("\u001b[32mok"), coloured.screen.toString());
        }
        try (PtyRun plain = new PtyRun("status --no-color --regions us-east-1 " + endpoint())) {
            assertEquals(0, plain.exit(), plain.screen.toString());
            assertTrue(plain.screen.toString().contains("alarms "), plain.screen.toString());
            assertFalse(plain.screen.toString().contains("\u001b[3"), plain.screen.toString());
        }
    }

    @Test
    void whenNotATerminalProgressIsTimestampedLines() {
        Cli.Result r = Cli.inProcess("up", "--yes", "--endpoint-url", Emulator.endpoint().toString());
        assertEquals(0, r.code(), r.toString());
        assertFalse(r.err().contains("\u001b["), "no terminal control codes in a log");
        assertTrue(r.err().lines().allMatch(l -> TIMESTAMPED.matcher(l).find()), r.err());
        assertTrue(Pattern.compile("Z  \\[\\d+/174\\] creating ec2 vpc vpc in us-east-2 \\.\\.\\. done in").matcher(r.err()).find(),
                r.err());
        assertTrue(r.out().contains("us-east-2  app: https://"), r.out());
        assertTrue(r.out().contains("dashboard: https://us-east-2.console.aws.amazon.com/cloudwatch/home?region=us-east-2"
                + "#dashboards/dashboard/logicworks-devops-us-east-2"), r.out());
    }

    /** `up > file` at a terminal: the question goes to the terminal, and "no" changes nothing and exits 1. */
    @Test
    void theQuestionIsAskedOnTheTerminalWhenStdoutIsRedirected() throws Exception {
        Path plan = dir.resolve("plan.txt");
        try (PtyRun run = new PtyRun("up --regions us-east-2 " + endpoint() + " > '" + plan + "'")) {
            run.awaitScreen(s -> s.contains("Apply these changes? Only 'yes' will be accepted:"), "the question");
            run.type("no\n");
            assertEquals(1, run.exit(), run.screen.toString());
            assertTrue(run.screen.toString().contains("cancelled, nothing changed"), run.screen.toString());
        }
        assertTrue(Files.readString(plan).contains("us-east-2 (secondary): 86 to create"), "the plan went to the file");
        try (var aws = Emulator.clients("us-east-2")) {
            assertTrue(aws.ec2().describeVpcs(r -> r.filters(f -> f.name("tag-key").values("devops-cli:project")))
                    .vpcs().isEmpty(), "declining created nothing");
        }
    }

    @Test
    void ctrlCLetsTheChangesInFlightFinishAndUpAgainFinishesTheRest() throws Exception {
        try (PtyRun run = new PtyRun("up --yes " + endpoint())) {
            run.awaitScreen(s -> s.contains("[3/174]"), "the third change");
            run.type("\u0003");
            assertEquals(130, run.exit(), run.screen.toString());
            String screen = run.screen.toString();
            assertTrue(screen.contains("stopping: no new changes start, the ones in flight finish"), screen);
            assertTrue(Pattern.compile("interrupted: \\d+ not started").matcher(screen).find(), screen);
            assertTrue(screen.contains("run `devops-cli up` again to finish the rest"), screen);
            assertFalse(screen.contains("failed: "), "what was in flight finished: " + screen);
        }
        Cli.Result again = Cli.inProcess("up", "--yes", "--endpoint-url", Emulator.endpoint().toString());
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("Apply complete"), again.toString());
        Cli.Result check = Cli.inProcess("up", "--dry-run", "--detailed-exitcode", "--endpoint-url", Emulator.endpoint().toString());
        assertEquals(0, check.code(), "nothing left to do: " + check);
    }

    @Test
    void aSecondCtrlCExitsAtOnce() throws Exception {
        try (PtyRun run = new PtyRun("up --yes " + endpoint())) {
            run.awaitScreen(s -> s.contains("[3/174]"), "the third change");
            run.type("\u0003");
            run.awaitScreen(s -> s.contains("stopping:"), "the first Ctrl-C taken");
            run.type("\u0003");
            assertEquals(130, run.exit(), run.screen.toString());
            assertTrue(run.screen.toString().contains("interrupted again: exiting now"), run.screen.toString());
            assertFalse(run.screen.toString().contains("Apply incomplete"), "it did not wait for the report");
        }
    }
}

package io.devopscli.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.testing.ChildProcess;
import io.devopscli.testing.Cli;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/devops-cli chooses its JVM: the JDK 25 AOT cache `make build` trained (target/devops-cli.aot, run by
 * the java target/devops-cli.aot-java names) for a run that calls AWS when the cache is newer than the jar
 * and that java exists; otherwise `java` (JDK 17) with the class-data-sharing archive when that is fresh.
 * The choice is checked in a copy of the launcher beside stand-in javas that write down how they were
 * started (no JDK 25 needed); then the real jar runs under the JVM scripts/aot-java.sh finds on this
 * machine, with a cache trained here and with a broken one, and stderr must hold the tool's lines only.
 * An emulator test because it needs the jar `mvn verify` packages (failsafe runs after package).
 */
@EmulatorTest
class LauncherTest {
    private static final Path LAUNCHER = Path.of("bin/devops-cli").toAbsolutePath();
    private static final Path JAR = Path.of("target/devops-cli.jar").toAbsolutePath();
    private static final Instant NOW = Instant.now();

    @TempDir
    Path dir;

    @Test
    void aRunThatCallsAwsGoesToTheCachesJavaWithTheCache() throws Exception {
        Checkout c = checkout(true, true);
        List<String> ran = c.run(Map.of(), "status", "-c", "t.yaml");
        assertEquals(c.java25.toString(), ran.get(0), ran.toString());
        assertTrue(ran.contains("-XX:AOTCache=" + c.target.resolve("devops-cli.aot")), ran.toString());
        assertTrue(ran.contains("-Xlog:all=warning,aot*=off,cds*=off:stderr"), "cache problems stay off stderr: " + ran);
        assertFalse(ran.stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile")), ran.toString());
        assertEquals(List.of("io.devopscli.cli.EntryPoint", "status", "-c", "t.yaml"), ran.subList(ran.size() - 4, ran.size()));
        for (List<String> args : List.of(List.of("up", "--dry-run"), List.of("down"), List.of("failover", "--to", "x"))) {
            assertEquals(c.java25.toString(), c.run(Map.of(), args.toArray(String[]::new)).get(0), args.toString());
        }
    }

    @Test
    void aRunThatNeverCallsAwsKeepsJdk17AndItsArchive() throws Exception {
        Checkout c = checkout(true, true);
        for (List<String> args : List.<List<String>>of(List.of(), List.of("--help"), List.of("-h"), List.of("help"), List.of("--version"),
                List.of("-V"), List.of("graph"), List.of("completion", "bash"), List.of("up", "--help"), List.of("status", "-h"),
                List.of("help", "up"))) {
            List<String> ran = c.run(Map.of(), args.toArray(String[]::new));
            assertEquals(c.java17.toString(), ran.get(0), args + ": " + ran);
            assertTrue(ran.contains("-XX:SharedArchiveFile=" + c.target.resolve("devops-cli.jsa")), args + ": " + ran);
            assertFalse(ran.stream().anyMatch(a -> a.startsWith("-XX:AOTCache")), args + ": " + ran);
        }
    }

    @Test
    void aStaleMissingOrOrphanedCacheFallsBackToJdk17() throws Exception {
        Checkout stale = checkout(false, true);
        assertEquals(stale.java17.toString(), stale.run(Map.of(), "status").get(0), "cache older than the jar");
        Checkout missing = checkout(true, true);
        Files.delete(missing.target.resolve("devops-cli.aot"));
        assertEquals(missing.java17.toString(), missing.run(Map.of(), "status").get(0), "no cache");
        Checkout orphaned = checkout(true, true);
        Files.delete(orphaned.java25);
        List<String> ran = orphaned.run(Map.of(), "status");
        assertEquals(orphaned.java17.toString(), ran.get(0), "the java that made it is gone");
        assertTrue(ran.contains("-XX:SharedArchiveFile=" + orphaned.target.resolve("devops-cli.jsa")), ran.toString());
        Checkout unnamed = checkout(true, true);
        Files.delete(unnamed.target.resolve("devops-cli.aot-java"));
        assertEquals(unnamed.java17.toString(), unnamed.run(Map.of(), "status").get(0), "no record of which java");
        Checkout neither = checkout(false, false);
        ran = neither.run(Map.of(), "status");
        assertEquals(neither.java17.toString(), ran.get(0));
        assertFalse(ran.stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile") || a.startsWith("-XX:AOTCache")),
                "a stale archive is not passed either: " + ran);
    }

    @Test
    void javaOptionsFromTheEnvironmentComeLastOnBothPaths() throws Exception {
        Checkout c = checkout(true, true);
        for (String subcommand : List.of("status", "graph")) {
            List<String> ran = c.run(Map.of("DEVOPS_CLI_JAVA_OPTS", "-Xmx99m -Dmark=1"), subcommand);
            int cp = ran.indexOf("-cp");
            assertEquals(List.of("-Xmx99m", "-Dmark=1"), ran.subList(cp - 2, cp), subcommand + ": " + ran);
        }
    }

    /**
     * The real jar under the JVM this machine's `make build` would choose. With a JDK 25: a cache trained
     * here is used (our classes come from it) and stderr holds only the tool's own lines, as in process;
     * a broken cache newer than the jar is refused without a word. Without one: JDK 17 runs, as clean.
     */
    @Test
    void theRealJarRunsCleanUnderTheChosenJvm() throws Exception {
        String chosen = command(List.of("scripts/aot-java.sh"), Map.of(), dir.resolve("chosen.txt")).out.strip();
        Path target = Files.createDirectories(dir.resolve("real/target"));
        Files.createDirectories(dir.resolve("real/bin"));
        Path launcher = Files.copy(LAUNCHER, dir.resolve("real/bin/devops-cli"), StandardCopyOption.COPY_ATTRIBUTES);
        Path jar = Files.createSymbolicLink(target.resolve("devops-cli.jar"), JAR);
        Path topology = dir.resolve("topology.yaml");
        Files.writeString(topology, Cli.TWO_REGIONS);
        List<String> args = List.of("status", "--no-live", "-o", "json", "-c", topology.toString(), "--endpoint-url",
                Emulator.endpoint().toString());
        Cli.Result inProcess = Cli.inProcess(args.toArray(String[]::new));
        if (chosen.isEmpty()) {
            Run run = launch(launcher, args);
            assertSameRun(inProcess, run);
            assertEquals("17", run.feature, run.toString());
            return;
        }
        Path cache = target.resolve("devops-cli.aot");
        Run training = command(List.of(chosen, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:AOTCacheOutput=" + cache,
                "-cp", jar.toString(), "io.devopscli.cli.EntryPoint", "--version"), Map.of(), dir.resolve("training.txt"));
        assertEquals(0, training.code, training.toString());
        Files.writeString(target.resolve("devops-cli.aot-java"), chosen + "\n");
        Run cached = launch(launcher, args);
        assertSameRun(inProcess, cached);
        assertTrue(Integer.parseInt(cached.feature) >= 25, cached.toString());
        assertTrue(cached.loaded("io.devopscli.cli.Main").contains("shared objects file"), cached.loaded("io.devopscli.cli.Main"));

        Files.write(cache, new byte[4096]);
        Run broken = launch(launcher, args);
        assertSameRun(inProcess, broken);
        assertTrue(Integer.parseInt(broken.feature) >= 25, broken.toString());
        assertFalse(broken.loaded("io.devopscli.cli.Main").contains("shared objects file"), broken.loaded("io.devopscli.cli.Main"));
    }

    /** Same exit code, stdout the same JSON, stderr the same lines but for their timestamps (regions in any order). */
    private static void assertSameRun(Cli.Result expected, Run run) {
        assertEquals(expected.code(), run.code, run.toString());
        assertEquals(expected.json(), new Cli.Result(run.code, run.out, run.err).json(), run.toString());
        assertEquals(lines(expected.err()), lines(run.err), "stderr holds the tool's lines only: " + run);
    }

    private static List<String> lines(String err) {
        return err.lines().map(l -> l.replaceFirst("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ", "T")).sorted().toList();
    }

    /** The launcher with a VM log and a class-load log written to files: neither reaches stdout or stderr. */
    private Run launch(Path launcher, List<String> args) throws Exception {
        Path vmLog = dir.resolve("vm-" + System.nanoTime() + ".log");
        Path classes = dir.resolve("classes-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(args);
        Run run = command(command, Map.of("DEVOPS_CLI_JAVA_OPTS", "-XX:+UnlockDiagnosticVMOptions -XX:+LogVMOutput -XX:LogFile="
                + vmLog + " -Xlog:class+load=info:file=" + classes), dir.resolve("out-" + System.nanoTime() + ".txt"));
        String vm = Files.readString(vmLog, StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher release = java.util.regex.Pattern.compile("<release>\\s*(\\d+)").matcher(vm);
        return new Run(run.code, run.out, run.err, release.find() ? release.group(1) : "unknown",
                Files.readAllLines(classes, StandardCharsets.ISO_8859_1));
    }

    private record Run(int code, String out, String err, String feature, List<String> classLoads) {
        Run(int code, String out, String err) {
            this(code, out, err, "", List.of());
        }

        /** The class-load log's line for this class. */
        String loaded(String name) {
            return classLoads.stream().filter(l -> l.contains("] " + name + " source:")).findFirst().orElse("not loaded: " + name);
        }

        @Override
        public String toString() {
            return "exit " + code + " (JDK " + feature + ")\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private static Run command(List<String> command, Map<String, String> env, Path out) throws Exception {
        ChildProcess.Ended ended = ChildProcess.run(command, env, List.of("DEVOPS_CLI_JAVA_OPTS"), out, Duration.ofSeconds(180));
        return new Run(ended.code(), ended.out(), ended.err());
    }

    /** A copy of the launcher in a checkout of its own, beside two stand-in javas that write down their command line. */
    private record Checkout(Path launcher, Path target, Path java17, Path java25, Path record) {
        List<String> run(Map<String, String> env, String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(launcher.toString()));
            command.addAll(List.of(args));
            Map<String, String> all = new java.util.HashMap<>(env);
            all.put("PATH", java17.getParent() + ":" + System.getenv("PATH"));
            Files.deleteIfExists(record);
            Run run = LauncherTest.command(command, all, record.resolveSibling("out.txt"));
            assertEquals(0, run.code, run.toString());
            return Files.readAllLines(record);
        }
    }

    /**
     * A checkout with the launcher, a jar, the archive and the AOT cache: the archive and the cache newer
     * than the jar when fresh, older when not; the cache's java is a stand-in that exists.
     */
    private Checkout checkout(boolean cacheFresh, boolean archiveFresh) throws IOException {
        Path root = Files.createTempDirectory(dir, "checkout");
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path target = Files.createDirectories(root.resolve("target"));
        Path launcher = Files.copy(LAUNCHER, bin.resolve("devops-cli"), StandardCopyOption.COPY_ATTRIBUTES);
        Path record = root.resolve("ran.txt");
        Path java17 = standIn(root.resolve("jdk17/bin/java"), record);
        Path java25 = standIn(root.resolve("jdk25/bin/java"), record);
        touch(target.resolve("devops-cli.jar"), 0);
        touch(target.resolve("devops-cli.jsa"), archiveFresh ? 60 : -60);
        touch(target.resolve("devops-cli.aot"), cacheFresh ? 60 : -60);
        Files.writeString(target.resolve("devops-cli.aot-java"), java25 + "\n");
        return new Checkout(launcher, target, java17, java25, record);
    }

    private static Path standIn(Path java, Path record) throws IOException {
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/usr/bin/env bash\nprintf '%s\\n' \"$0\" \"$@\" > '" + record + "'\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    /** An empty file whose modification time is this many seconds after the jar's. */
    private static void touch(Path file, int secondsAfterJar) throws IOException {
        Files.write(file, new byte[0]);
        Files.setLastModifiedTime(file, FileTime.from(NOW.minusSeconds(600).plusSeconds(secondsAfterJar)));
    }
}

package io.devopscli.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.testing.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `make build`'s AOT cache step (scripts/aot-cache.sh with scripts/aot-java.sh choosing the JDK): trains
 * with the java chosen, records which one, retrains when the jar or the choice changes, removes the cache
 * when there is no JDK 25 (DEVOPS_CLI_AOT_JAVA=none, as on a machine without one), and a failed training
 * leaves no cache and no failed build. The JDKs are stand-ins that answer -version as JDK 25 or 17 would
 * and write down each training (the real training is what LauncherTest and `make build` run).
 */
class AotCacheScriptTest {
    @TempDir
    Path dir;
    private Path jar;
    private Path list;
    private Path cache;
    private Path record;

    @BeforeEach
    void files() throws IOException {
        jar = Files.writeString(dir.resolve("devops-cli.jar"), "jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(600)));
        list = Files.writeString(dir.resolve("classes.txt"), "java.lang.Object\n");
        Files.setLastModifiedTime(list, FileTime.from(Instant.now().minusSeconds(600)));
        cache = dir.resolve("devops-cli.aot");
        record = dir.resolve("trainings.txt");
    }

    @Test
    void trainsWithTheChosenJavaAndRecordsWhichOne() throws Exception {
        Path java25 = standIn("jdk-25", 25, false);
        Result r = build(Map.of("DEVOPS_CLI_AOT_JAVA", java25.toString()));
        assertEquals(0, r.code, r.toString());
        assertEquals("cache", Files.readString(cache).strip());
        assertEquals(java25.toRealPath().toString(), Files.readString(made()).strip());
        List<String> training = trainings().get(0);
        assertEquals(java25.toRealPath().toString(), training.get(0));
        for (String flag : List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:AOTCacheOutput=" + cache,
                "-D" + ClassArchiveTraining.INITIALISE_MODELS + "=false", jar.toString(), ClassArchiveTraining.class.getName(),
                list.toString())) {
            assertTrue(training.contains(flag), flag + " in " + training);
        }
    }

    @Test
    void upToDateUntilTheJarOrTheChosenJavaChanges() throws Exception {
        Path java25 = standIn("jdk-25", 25, false);
        Path java26 = standIn("jdk-26", 26, false);
        Map<String, String> env = Map.of("DEVOPS_CLI_AOT_JAVA", java25.toString());
        build(env);
        build(env);
        assertEquals(1, trainings().size(), "fresh: not trained again");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        build(env);
        assertEquals(2, trainings().size(), "a newer jar: trained again");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(600)));
        build(Map.of("DEVOPS_CLI_AOT_JAVA", java26.toString()));
        assertEquals(3, trainings().size(), "another java: trained again");
        assertEquals(java26.toRealPath().toString(), trainings().get(2).get(0));
        assertEquals(java26.toRealPath().toString(), Files.readString(made()).strip());
    }

    @Test
    void noJdk25NoCache() throws Exception {
        build(Map.of("DEVOPS_CLI_AOT_JAVA", standIn("jdk-25", 25, false).toString()));
        assertTrue(Files.exists(cache));
        Result r = build(Map.of("DEVOPS_CLI_AOT_JAVA", "none"));
        assertEquals(0, r.code, r.toString());
        assertFalse(Files.exists(cache), "the launcher then runs JDK 17 with the archive");
        assertFalse(Files.exists(made()));
        assertEquals("", r.err);
    }

    @Test
    void aFailedTrainingLeavesNoCacheAndTheBuildGoesOn() throws Exception {
        Result r = build(Map.of("DEVOPS_CLI_AOT_JAVA", standIn("jdk-25", 25, true).toString()));
        assertEquals(0, r.code, r.toString());
        assertFalse(Files.exists(cache));
        assertFalse(Files.exists(made()));
        assertTrue(r.err.contains("no " + cache + " (training with"), r.toString());
    }

    @Test
    void aNamedJavaOlderThan25IsAnError() throws Exception {
        Path java17 = standIn("jdk-17", 17, false);
        Result r = run(List.of("scripts/aot-java.sh"), Map.of("DEVOPS_CLI_AOT_JAVA", java17.toString()));
        assertEquals(1, r.code, r.toString());
        assertEquals("DEVOPS_CLI_AOT_JAVA=" + java17 + " is not a JDK 25 or later java (or 'none')\n", r.err);
        assertEquals(1, build(Map.of("DEVOPS_CLI_AOT_JAVA", java17.toString())).code, "make build stops");
        Result none = run(List.of("scripts/aot-java.sh"), Map.of("DEVOPS_CLI_AOT_JAVA", "none"));
        assertEquals(new Result(0, "", ""), none);
        Path java25 = standIn("jdk-25", 25, false);
        assertEquals(new Result(0, java25.toRealPath() + "\n", ""),
                run(List.of("scripts/aot-java.sh"), Map.of("DEVOPS_CLI_AOT_JAVA", java25.toString())));
    }

    private Path made() {
        return Path.of(cache + "-java");
    }

    private Result build(Map<String, String> env) throws Exception {
        return run(List.of("scripts/aot-cache.sh", jar.toString(), list.toString(), cache.toString()), env);
    }

    /** Each training the stand-ins ran: its command line. */
    private List<List<String>> trainings() throws IOException {
        List<List<String>> all = new ArrayList<>();
        for (String line : Files.readAllLines(record)) {
            all.add(List.of(line.split("\u0001")));
        }
        return all;
    }

    /**
     * A java that answers -version as this feature version and otherwise writes down its command line and
     * the cache -XX:AOTCacheOutput names (unless it fails).
     */
    private Path standIn(String name, int feature, boolean fails) throws IOException {
        Path java = Files.createDirectories(dir.resolve(name + "/bin")).resolve("java");
        Files.writeString(java, "#!/usr/bin/env bash\n"
                + "if [[ $1 == -version ]]; then echo 'openjdk version \"" + feature + ".0.1\" 2026-01-20' >&2; exit 0; fi\n"
                + "(IFS=$'\\001'; echo \"$0$IFS$*\") >> '" + record + "'\n"
                + (fails ? "exit 1\n" : "for a; do [[ $a == -XX:AOTCacheOutput=* ]] && echo cache > \"${a#*=}\"; done\nexit 0\n"));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    private record Result(int code, String out, String err) {
    }

    private Result run(List<String> command, Map<String, String> env) throws Exception {
        ChildProcess.Ended ended = ChildProcess.run(command, env, List.of("DEVOPS_CLI_AOT_JAVA"),
                Files.createTempFile(dir, "out", ".txt"), Duration.ofSeconds(60));
        return new Result(ended.code(), ended.out(), ended.err());
    }
}

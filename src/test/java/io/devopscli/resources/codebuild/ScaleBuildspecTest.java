package io.devopscli.resources.codebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The pipeline's Scale action, run as CodeBuild would run it: the inline buildspec's commands in one bash
 * shell (buildspec 0.2). CodeBuild cannot run here (moto has no builds, and there is no AWS), so the `aws`
 * command is a stand-in on PATH that answers describe-scalable-targets and records every call: the next
 * most real thing for the shell's decisions.
 */
class ScaleBuildspecTest {
    @TempDir
    Path dir;

    @Test
    void aServiceHeldAtZeroGetsTheTopologysCounts() throws Exception {
        List<String> calls = run("0");
        assertEquals(3, calls.size(), calls.toString());
        assertTrue(calls.get(1).startsWith("application-autoscaling register-scalable-target --service-namespace ecs "
                + "--scalable-dimension ecs:service:DesiredCount --resource-id service/acme-cluster/shop-production "
                + "--min-capacity 2 --max-capacity 10"), calls.get(1));
        assertTrue(calls.get(2).startsWith("ecs update-service --cluster acme-cluster --service shop-production "
                + "--desired-count 3"), calls.get(2));
    }

    @Test
    void aServiceAlreadyScaledIsLeftAlone() throws Exception {
        List<String> calls = run("10");
        assertEquals(1, calls.size(), "only the describe: " + calls);
        assertTrue(calls.get(0).startsWith("application-autoscaling describe-scalable-targets"), calls.get(0));
    }

    @SuppressWarnings("unchecked")
    private List<String> run(String currentMax) throws Exception {
        Map<String, Object> spec = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(ScaleBuildspec.YAML);
        assertEquals("0.2", String.valueOf(spec.get("version")));
        List<String> commands = (List<String>) ((Map<String, Object>) ((Map<String, Object>) spec.get("phases"))
                .get("build")).get("commands");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("calls.log");
        Path aws = bin.resolve("aws");
        Files.writeString(aws, "#!/bin/bash\necho \"$*\" >> " + log + "\n"
                + "if [ \"$1 $2\" = \"application-autoscaling describe-scalable-targets\" ]; then echo \"$STUB_MAX\"; fi\n");
        Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder("bash", "-e", "-c", String.join("\n", commands));
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().putAll(Map.of("CLUSTER", "acme-cluster", "SERVICE", "shop-production", "DESIRED", "3",
                "MIN", "2", "MAX", "10", "STUB_MAX", currentMax));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        return Files.exists(log) ? new ArrayList<>(Files.readAllLines(log)) : List.of();
    }
}

package io.devopscli.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile or broken YAML ends in exit 65 with a message: never a StackOverflowError, never an AWS call. */
class PathologicalYamlTest {
    @TempDir
    Path dir;

    @Test
    void deepNestingIsAProblemWithItsPositionNotAStackOverflow() {
        String yaml = "x: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
        InvalidTopologyException e = assertThrows(InvalidTopologyException.class, () -> TopologyLoader.parse(yaml, "deep.yaml"));
        // the root mapping is level 1, so level 65 is the 64th '[', at column 4 + 63
        assertEquals(List.of("deep.yaml:1:67: nesting too deep: more than 64 levels of lists or mappings (a topology needs five)"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void deepBlockNestingToo() {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            yaml.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        InvalidTopologyException e = assertThrows(InvalidTopologyException.class, () -> TopologyLoader.parse(yaml.toString(), "b.yaml"));
        assertTrue(e.getMessage().contains("nesting too deep"), e.getMessage());
    }

    @Test
    void nestingWithinTheLimitIsJudgedByTheSchemaInstead() {
        String yaml = TopologyLoaderTest.MINIMAL + "x: " + "[".repeat(60) + "]".repeat(60) + "\n";
        InvalidTopologyException e = assertThrows(InvalidTopologyException.class, () -> TopologyLoader.parse(yaml, "t.yaml"));
        assertTrue(e.getMessage().contains("unknown key 'x'"), e.getMessage());
    }

    @Test
    void theCliExits65OnDeepNestingWithAShortMessage() throws Exception {
        Path file = dir.resolve("deep.yaml");
        Files.writeString(file, "[".repeat(50_000) + "]".repeat(50_000));
        Cli.Result run = Cli.inProcess("status", "-c", file.toString(), "--endpoint-url", "http://127.0.0.1:9");
        String stderr = run.err();
        assertEquals(65, run.code(), stderr);
        assertTrue(stderr.contains("nesting too deep"), stderr);
        assertTrue(stderr.lines().count() < 5, stderr);
    }

    @Test
    void anEnvironmentMaxBelowOneIsInvalid() {
        String yaml = TopologyLoaderTest.MINIMAL + """
                app:
                  environments:
                    staging:    {desired: 0, min: 0, max: 0}
                    production: {desired: 2, min: 2, max: 10}
                """;
        InvalidTopologyException e = assertThrows(InvalidTopologyException.class, () -> TopologyLoader.parse(yaml, "t.yaml"));
        assertTrue(e.getMessage().contains("app.environments.staging.max: 0 is below 1"), e.getMessage());
    }
}

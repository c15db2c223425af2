package io.devopscli.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.testing.Cli;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The diagrams in README.md and docs/architecture.md are the output of `graph` for the reference
 * topology after `up`, not drawings: regenerated here against the emulator, a stale copy fails.
 */
@EmulatorTest
class DocsDiagramTest {

    @Test
    void theDocumentedDiagramIsWhatGraphPrints() throws Exception {
        Emulator.reset();
        String endpoint = Emulator.endpoint().toString();
        Cli.Result up = Cli.inProcess("up", "--yes", "--endpoint-url", endpoint);
        assertEquals(0, up.code(), up.toString());
        Cli.Result graph = Cli.inProcess("graph", "--endpoint-url", endpoint);
        assertEquals(0, graph.code(), graph.toString());
        for (String doc : new String[] {"README.md", "docs/architecture.md"}) {
            assertEquals(graph.out(), mermaidBlock(Path.of(doc)),
                    doc + " is stale: regenerate it with `bin/devops-cli graph` after `make demo`");
        }
    }

    private static String mermaidBlock(Path doc) throws Exception {
        Matcher m = Pattern.compile("```mermaid\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(doc));
        if (!m.find()) {
            throw new AssertionError(doc + " has no mermaid diagram");
        }
        return m.group(1);
    }
}

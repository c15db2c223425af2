package io.devopscli.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devopscli.testing.Cli;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * `status -o json` has the shape docs/status.md documents: the same keys, in the same order, at every
 * level (lists compared by their first element). A run against the emulator with one drifted resource
 * gives a document with every kind of entry the example shows.
 */
@EmulatorTest
class StatusJsonShapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void statusJsonMatchesTheDocumentedExample() throws Exception {
        Emulator.reset();
        String endpoint = Emulator.endpoint().toString();
        Cli.Result up = Cli.inProcess("up", "--yes", "--endpoint-url", endpoint);
        assertEquals(0, up.code(), up.toString());
        try (var aws = Emulator.clients("us-east-1")) {
            var group = aws.ec2().describeSecurityGroups(r -> r.filters(f -> f.name("tag:Name")
                    .values("logicworks-devops-alb-sg"))).securityGroups().get(0);
            aws.ec2().authorizeSecurityGroupIngress(r -> r.groupId(group.groupId()).ipProtocol("tcp")
                    .fromPort(22).toPort(22).cidrIp("0.0.0.0/0"));
        }
        Cli.Result status = Cli.inProcess("status", "-o", "json", "--regions", "us-east-1", "--endpoint-url", endpoint);
        JsonNode actual = JSON.readTree(status.out());
        // keep the drifted resource first, as in the example
        JsonNode resources = actual.get("regions").get(0).get("resources");
        List<JsonNode> sorted = new ArrayList<>();
        resources.forEach(r -> { if (r.get("state").asText().equals("drifted")) sorted.add(0, r); else sorted.add(r); });
        ((com.fasterxml.jackson.databind.node.ArrayNode) resources).removeAll().addAll(sorted);

        assertEquals(shape(documented()), shape(actual), status.toString());

        // --no-live leaves the live checks out (and their AWS calls); the default run above has them
        Cli.Result syncOnly = Cli.inProcess("status", "--no-live", "-o", "json", "--regions", "us-east-1", "--endpoint-url", endpoint);
        JsonNode region = JSON.readTree(syncOnly.out()).get("regions").get(0);
        assertEquals(0, region.get("live").size(), syncOnly.toString());
        org.junit.jupiter.api.Assertions.assertTrue(actual.get("regions").get(0).get("live").size() > 0, status.toString());
    }

    private static JsonNode documented() throws Exception {
        Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(Path.of("docs/status.md")));
        if (!m.find()) {
            throw new AssertionError("docs/status.md has no json example");
        }
        return JSON.readTree(m.group(1));
    }

    /** Every key path in document order; a list contributes its first element's paths. */
    private static List<String> shape(JsonNode node) {
        List<String> paths = new ArrayList<>();
        walk(node, "", paths);
        return paths;
    }

    private static void walk(JsonNode node, String path, List<String> paths) {
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                String child = path + "." + name;
                // mutatingByOperation holds operation names, which vary: only its presence is the shape
                paths.add(child);
                if (!name.equals("mutatingByOperation")) {
                    walk(node.get(name), child, paths);
                }
            }
        } else if (node.isArray() && node.size() > 0) {
            walk(node.get(0), path + "[]", paths);
        }
    }
}

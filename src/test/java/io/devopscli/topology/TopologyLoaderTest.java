package io.devopscli.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.topology.AppSpec.AutoscalingSpec;
import io.devopscli.topology.AppSpec.EnvironmentSpec;
import io.devopscli.topology.NetworkSpec.NatMode;
import io.devopscli.topology.RegionSpec.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyLoaderTest {
    /** Only what has no default. */
    static final String MINIMAL = """
            project: demo
            regions:
              - {name: eu-west-1, role: primary, cidr: 10.0.0.0/16}
              - {name: eu-west-2, role: secondary, cidr: 10.1.0.0/16}
            pipeline: {approval: {email: ops@example.com}}
            alarms: {email: ops@example.com}
            failover: {hostedZone: example.com, domain: app.example.com}
            """;

    @Test
    void theReferenceFileLoadsToTheReferenceArchitecture() {
        Topology expected = new Topology(
                "logicworks-devops",
                List.of(new RegionSpec("us-east-1", Role.PRIMARY, "10.0.0.0/16"),
                        new RegionSpec("us-east-2", Role.SECONDARY, "10.1.0.0/16")),
                new NetworkSpec(2, NatMode.PER_AZ, true, 30),
                new AppSpec("app", 8080, "/health", 256, 512,
                        Map.of("staging", new EnvironmentSpec(1, 1, 2), "production", new EnvironmentSpec(2, 2, 10)),
                        new AutoscalingSpec(60, 70)),
                new PipelineSpec("logicworks-devops-repo", "main", "ops@example.com"),
                new AlarmsSpec("ops@example.com"),
                new FailoverSpec("example.com", "app.example.com"));

        assertEquals(expected, TopologyLoader.load(Path.of("config/topology.yaml")));
    }

    @Test
    void theThreeRegionExampleLoads() {
        Topology topology = TopologyLoader.load(Path.of("config/examples/three-regions.yaml"));

        assertEquals(List.of("eu-west-1", "eu-central-1", "us-east-1"),
                topology.regions().stream().map(RegionSpec::name).toList());
        assertEquals("eu-west-1", topology.primary().name());
        assertEquals(new NetworkSpec(3, NatMode.SINGLE, true, 90), topology.network());
        assertEquals(List.of("172.18.3.0/24", "172.18.4.0/24", "172.18.5.0/24"),
                SubnetLayout.of(topology.region("us-east-1").orElseThrow().cidr(), 3).privateCidrs());
    }

    @Test
    void theFiveRegionExampleLoadsWithDefaults() {
        Topology topology = TopologyLoader.load(Path.of("config/examples/five-regions.yaml"));

        assertEquals(5, topology.regions().size());
        assertEquals("us-west-2", topology.primary().name());
        assertEquals(new NetworkSpec(2, NatMode.PER_AZ, true, 30), topology.network());
        assertEquals(new PipelineSpec("global-api-repo", "main", "platform@example.net"), topology.pipeline());
        // Route 53's trailing dot is dropped so that names compare plainly
        assertEquals(new FailoverSpec("example.net", "api.example.net"), topology.failover());
        assertEquals(List.of("10.50.0.0/26", "10.50.0.64/26"),
                SubnetLayout.of(topology.region("sa-east-1").orElseThrow().cidr(), 2).publicCidrs());
    }

    @Test
    void defaultsFillWhatIsLeftOut() {
        Topology topology = TopologyLoader.parse(MINIMAL, "minimal.yaml");

        assertEquals(new NetworkSpec(2, NatMode.PER_AZ, true, 30), topology.network());
        assertEquals(new AppSpec("app", 8080, "/health", 256, 512,
                Map.of("staging", new EnvironmentSpec(1, 1, 2), "production", new EnvironmentSpec(2, 2, 10)),
                new AutoscalingSpec(60, 70)), topology.app());
        assertEquals(new PipelineSpec("demo-repo", "main", "ops@example.com"), topology.pipeline());
    }

    @Test
    void environmentsDefaultToStagingThenProduction() {
        AppSpec app = TopologyLoader.parse(MINIMAL, "minimal.yaml").app();

        assertEquals(List.of("staging", "production"), app.environmentNames());
        assertEquals("production", app.lastEnvironment());
        assertEquals(List.of("staging", "production"),
                TopologyLoader.load(Path.of("config/topology.yaml")).app().environmentNames());
    }

    @Test
    void environmentsAsAListKeepTheListsOrder() {
        String yaml = MINIMAL + """
                app:
                  environments:
                    - {name: qa, desired: 1, min: 1, max: 3}
                    - {name: dev, desired: 0, min: 0, max: 1}
                    - {name: live, desired: 3, min: 2, max: 9}
                """;

        AppSpec app = TopologyLoader.parse(yaml, "t.yaml").app();

        assertEquals(List.of("qa", "dev", "live"), app.environmentNames());
        assertEquals("live", app.lastEnvironment());
        assertEquals(new EnvironmentSpec(0, 0, 1), app.environments().get("dev"));
        assertEquals(new EnvironmentSpec(3, 2, 9), app.environments().get("live"));
    }

    @Test
    void environmentsAsAMappingKeepTheFilesOrder() {
        String yaml = MINIMAL + """
                app:
                  environments:
                    uat: {desired: 1, min: 1, max: 2}
                    edge: {desired: 1, min: 1, max: 2}
                    prod: {desired: 2, min: 2, max: 4}
                """;

        AppSpec app = TopologyLoader.parse(yaml, "t.yaml").app();

        assertEquals(List.of("uat", "edge", "prod"), app.environmentNames());
        assertEquals("prod", app.lastEnvironment());
    }

    @Test
    void theThreeEnvironmentExampleLoadsDevStagingProduction() {
        Topology topology = TopologyLoader.load(Path.of("config/examples/three-environments.yaml"));

        assertEquals(List.of("dev", "staging", "production"), topology.app().environmentNames());
        assertEquals(new EnvironmentSpec(1, 1, 2), topology.app().environments().get("dev"));
    }

    @Test
    void defaultsApplyKeyByKeyAndMemoryFollowsTheCpu() {
        String yaml = MINIMAL + """
                network: {natGateways: none}
                app: {cpu: 1024, autoscaling: {memoryTarget: 80}}
                """;

        Topology topology = TopologyLoader.parse(yaml, "t.yaml");

        assertEquals(new NetworkSpec(2, NatMode.NONE, true, 30), topology.network());
        assertEquals(2048, topology.app().memory());
        assertEquals(new AutoscalingSpec(60, 80), topology.app().autoscaling());
    }

    @Test
    void emptySectionsMeanDefaultsAndScalarAliasesWork() {
        String yaml = """
                project: demo
                regions:
                  - {name: eu-west-1, role: primary, cidr: 10.0.0.0/16}
                  - {name: eu-west-2, role: secondary, cidr: 10.1.0.0/16}
                network:
                app:
                pipeline: {approval: {email: &ops ops@example.com}}
                alarms: {email: *ops}
                failover: {hostedZone: Example.COM., domain: App.Example.com}
                """;

        Topology topology = TopologyLoader.parse(yaml, "t.yaml");

        assertEquals(new NetworkSpec(2, NatMode.PER_AZ, true, 30), topology.network());
        assertEquals("app", topology.app().name());
        assertEquals(new AlarmsSpec("ops@example.com"), topology.alarms());
        assertEquals(new FailoverSpec("example.com", "app.example.com"), topology.failover());
    }

    @Test
    void everyProblemIsReportedAtOnceInFileOrder() {
        String yaml = """
                project: Demo
                regions:
                  - {name: us-east-1, role: primary, cidr: 10.0.0.0/16}
                  - {name: us-east-1, role: primary, cidr: 10.0.0.1/16}
                network: {azs: 9, natGateway: single}
                app: {port: http, cpu: 256, memory: 4096}
                pipeline: {approval: {email: nobody}}
                failover: {hostedZone: example.com, domain: app.example.org}
                """;

        InvalidTopologyException e = assertThrows(InvalidTopologyException.class,
                () -> TopologyLoader.parse(yaml, "t.yaml"));

        assertEquals(List.of(
                "t.yaml:1:1: missing required key 'alarms'",
                "t.yaml:1:10: project: 'Demo' must be 2 to 31 characters of a-z, 0-9 and '-', starting with a letter",
                "t.yaml:4:12: regions[1].name: region us-east-1 is listed twice (first at line 3)",
                "t.yaml:4:29: regions[1].role: only one region can be primary, and us-east-1 (line 3) already is",
                "t.yaml:4:44: regions[1].cidr: host bits set in 10.0.0.1/16; did you mean 10.0.0.0/16?",
                "t.yaml:5:16: network.azs: 9 is outside 1 to 6",
                "t.yaml:5:19: unknown key 'natGateway' in network; did you mean 'natGateways'?",
                "t.yaml:6:13: app.port: expected a number, found 'http'",
                "t.yaml:6:37: app.memory: 4096 MiB does not go with cpu 256 on Fargate, which allows 512, 1024 or 2048 MiB for it",
                "t.yaml:7:30: pipeline.approval.email: 'nobody' is not an email address",
                "t.yaml:8:45: failover.domain: app.example.org is not inside the hosted zone example.com; "
                        + "Route 53 can only answer for names in its zone"),
                e.problems().stream().map(Problem::toString).toList());
        assertEquals(String.join("\n", e.problems().stream().map(Problem::toString).toList()), e.getMessage());
    }

    @Test
    void anAliasBombIsAProblemNotAHang() {
        // the "billion laughs": nine levels of nine aliases would expand to 9^9 strings
        StringBuilder yaml = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char level = 'b'; level <= 'i'; level++) {
            String previous = "*" + (char) (level - 1);
            yaml.append(level).append(": &").append(level).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, previous))).append("]\n");
        }

        InvalidTopologyException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(InvalidTopologyException.class, () -> TopologyLoader.parse(yaml.toString(), "bomb.yaml")));

        // aliases 1-45 are on lines b to f; the 51st is the 6th on line g, at column 8 + 5 * 3
        assertEquals(List.of("bomb.yaml:7:23: too many aliases: more than 50 references to anchored lists or mappings"
                + " (a topology needs few; this looks like an alias bomb)"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void aliasesWithinTheLimitAreNeverExpanded() {
        // 5 levels of 10 aliases = 50 (the limit) reaching 10^5 leaves, under a key the reader never enters
        StringBuilder bomb = new StringBuilder("x-bomb:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char level = 'b'; level <= 'f'; level++) {
            String previous = "*" + (char) (level - 1);
            bomb.append("  ").append(level).append(": &").append(level).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(10, previous))).append("]\n");
        }

        InvalidTopologyException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(InvalidTopologyException.class, () -> TopologyLoader.parse(MINIMAL + bomb, "t.yaml")));

        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).message().startsWith("unknown key 'x-bomb' at top level"), e.getMessage());
    }

    @Test
    void aSelfReferencingAliasDoesNotLoop() {
        String yaml = MINIMAL.replace("alarms: {email: ops@example.com}", "alarms: &loop {email: *loop}");

        InvalidTopologyException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(InvalidTopologyException.class, () -> TopologyLoader.parse(yaml, "t.yaml")));

        // an alias is the anchored node itself, so the problem points at the anchor's definition
        assertEquals(List.of("t.yaml:6:9: alarms.email: expected a string, found a mapping"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void malformedYamlIsOneProblemWithItsPosition() {
        InvalidTopologyException e = assertThrows(InvalidTopologyException.class,
                () -> TopologyLoader.parse("project: demo\nregions: [us-east-1, us-east-2\n", "t.yaml"));

        assertEquals(List.of(new Problem("t.yaml", 3, 1,
                        "invalid YAML: while parsing a flow sequence: expected ',' or ']', but got <stream end>")),
                e.problems());
    }

    @Test
    void tabIndentationIsReportedWhereItIs() {
        InvalidTopologyException e = assertThrows(InvalidTopologyException.class,
                () -> TopologyLoader.parse("project: demo\nnetwork:\n\tazs: 2\n", "t.yaml"));

        assertEquals(1, e.problems().size());
        Problem problem = e.problems().get(0);
        assertEquals(3, problem.line());
        assertEquals(1, problem.column());
        assertTrue(problem.message().contains("Do not use \\t(TAB) for indentation"), problem.message());
    }

    @Test
    void anUndefinedAliasIsReported() {
        InvalidTopologyException e = assertThrows(InvalidTopologyException.class,
                () -> TopologyLoader.parse("project: *name\n", "t.yaml"));

        assertEquals(List.of("t.yaml:1:10: invalid YAML: found undefined alias name"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void twoDocumentsAreOneProblem() {
        InvalidTopologyException e = assertThrows(InvalidTopologyException.class,
                () -> TopologyLoader.parse(MINIMAL + "---\nproject: other\n", "t.yaml"));

        assertEquals(1, e.problems().size());
        assertEquals(8, e.problems().get(0).line());
        assertTrue(e.problems().get(0).message().contains("expected a single document"), e.getMessage());
    }

    @Test
    void duplicateKeysAreReportedEvenWhenUnknown() {
        InvalidTopologyException e = assertThrows(InvalidTopologyException.class,
                () -> TopologyLoader.parse(MINIMAL + "project: again\n", "t.yaml"));

        assertEquals(List.of("t.yaml:8:1: duplicate key 'project' (first at line 1)"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void anEmptyDocumentIsAProblem() {
        InvalidTopologyException e = assertThrows(InvalidTopologyException.class,
                () -> TopologyLoader.parse("# nothing but a comment\n", "t.yaml"));

        assertEquals(List.of("t.yaml:1:1: the document is empty; expected a mapping with project, regions, network, "
                + "app, pipeline, alarms, failover"), e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void aRootThatIsNotAMappingIsAProblem() {
        InvalidTopologyException e = assertThrows(InvalidTopologyException.class,
                () -> TopologyLoader.parse("- project: demo\n", "t.yaml"));

        assertEquals(List.of("t.yaml:1:1: expected a mapping, found a list"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void aMissingFileIsAProblemWithoutPosition(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        InvalidTopologyException e = assertThrows(InvalidTopologyException.class, () -> TopologyLoader.load(missing));

        assertEquals(List.of(new Problem(missing.toString(), 0, 0, "no such file")), e.problems());
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void aFileThatIsNotUtf8IsAProblem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, "project: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        InvalidTopologyException e = assertThrows(InvalidTopologyException.class, () -> TopologyLoader.load(file));

        assertEquals(List.of(new Problem(file.toString(), 0, 0, "not valid UTF-8 text")), e.problems());
    }

    @Test
    void aFileLoadsWithItsPathAsSource(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, MINIMAL.replace("project: demo", "project: demo-"));

        InvalidTopologyException e = assertThrows(InvalidTopologyException.class, () -> TopologyLoader.load(file));

        assertEquals(file + ":1:10: project: 'demo-' must not end with '-' or contain '--'", e.getMessage());
    }

    @Test
    void anOversizedDocumentIsRefusedBeforeParsing(@TempDir Path dir) throws Exception {
        String huge = "# " + "x".repeat(TopologyLoader.MAX_CODE_POINTS) + "\n";
        Path file = dir.resolve("huge.yaml");
        Files.writeString(file, huge.repeat(5));

        InvalidTopologyException fromString = assertThrows(InvalidTopologyException.class,
                () -> TopologyLoader.parse(huge, "huge.yaml"));
        InvalidTopologyException fromFile = assertThrows(InvalidTopologyException.class,
                () -> TopologyLoader.load(file));

        assertEquals("huge.yaml: document too large; a topology is at most 1000000 characters", fromString.getMessage());
        assertTrue(fromFile.getMessage().startsWith(file + ": file too large"), fromFile.getMessage());
    }
}

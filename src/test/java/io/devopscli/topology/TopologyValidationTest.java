package io.devopscli.topology;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One invalid value at a time in an otherwise valid topology: the problem's words and exact position. */
class TopologyValidationTest {
    /** Valid; each case replaces some of its lines (numbered from 1). Columns below are counted on these lines. */
    static final List<String> BASE = List.of(
            "project: demo",
            "regions:",
            "  - {name: us-east-1, role: primary, cidr: 10.0.0.0/16}",
            "  - {name: us-east-2, role: secondary, cidr: 10.1.0.0/16}",
            "network: {azs: 2, natGateways: per-az, flowLogs: true, flowLogRetentionDays: 30}",
            "app:",
            "  name: app",
            "  port: 8080",
            "  healthCheckPath: /health",
            "  cpu: 256",
            "  memory: 512",
            "  environments:",
            "    staging: {desired: 1, min: 1, max: 2}",
            "    production: {desired: 2, min: 2, max: 10}",
            "  autoscaling: {cpuTarget: 60, memoryTarget: 70}",
            "pipeline: {repository: demo-repo, branch: main, approval: {email: ops@example.com}}",
            "alarms: {email: ops@example.com}",
            "failover: {hostedZone: example.com, domain: app.example.com}");

    static String edited(String... edits) {
        List<String> lines = new ArrayList<>(BASE);
        for (String edit : edits) {
            int eq = edit.indexOf('=');
            lines.set(Integer.parseInt(edit.substring(0, eq)) - 1, edit.substring(eq + 1));
        }
        return String.join("\n", lines) + "\n";
    }

    static Arguments invalid(String fragment, int line, int column, String... edits) {
        return Arguments.of(fragment, line, column, edits);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // project
                invalid("project: 'Demo_1' must be 2 to 31 characters", 1, 10, "1=project: Demo_1"),
                invalid("project: 'demo-' must not end with '-' or contain '--'", 1, 10, "1=project: demo-"),
                invalid("project: 'de--mo' must not end with '-' or contain '--'", 1, 10, "1=project: de--mo"),
                invalid("missing required key 'project'", 2, 1, "1=# no project: the root mapping starts on line 2"),
                // unknown and duplicate keys
                invalid("unknown key 'alarm' at top level; did you mean 'alarms'?", 17, 1, "17=alarm: {email: ops@example.com}"),
                invalid("missing required key 'alarms'", 1, 1, "17=alarm: {email: ops@example.com}"),
                invalid("unknown key 'colour' in network (valid keys: azs, natGateways, flowLogs, flowLogRetentionDays)",
                        5, 19, "5=network: {azs: 2, colour: blue}"),
                invalid("unknown key 'natgateway' in network; did you mean 'natGateways'?", 5, 11,
                        "5=network: {natgateway: single}"),
                invalid("unknown key 'maxx' in app.environments.staging; did you mean 'max'?", 13, 35,
                        "13=    staging: {desired: 1, min: 1, maxx: 2}"),
                invalid("missing required key 'max' in app.environments.staging", 13, 14,
                        "13=    staging: {desired: 1, min: 1, maxx: 2}"),
                invalid("duplicate key 'port' in app (first at line 8)", 9, 3, "9=  port: 9090"),
                // types
                invalid("regions: expected a list, found 'us-east-1'", 2, 10, "2=regions: us-east-1", "3=", "4="),
                invalid("network: expected a mapping, found a list", 5, 10, "5=network: [azs]"),
                invalid("regions[1]: expected a mapping, found 'us-east-2'", 4, 5, "4=  - us-east-2"),
                invalid("app.port: expected a number, found 'eighty'", 8, 9, "8=  port: eighty"),
                invalid("app.port: expected a number, found the quoted string \"8080\" (remove the quotes)", 8, 9,
                        "8=  port: \"8080\""),
                invalid("app.port: expected a whole number, found 80.5", 8, 9, "8=  port: 80.5"),
                invalid("app.port: number 99999999999 is too large", 8, 9, "8=  port: 99999999999"),
                invalid("network.flowLogs: expected true or false, found 'yes'", 5, 21, "5=network: {flowLogs: yes}"),
                invalid("alarms.email: a value is required", 17, 17, "17=alarms: {email: ~}"),
                invalid("app.name: expected a string, found a mapping", 7, 9, "7=  name: {first: app}"),
                // regions
                invalid("regions: a multi-region topology needs at least two regions", 3, 3, "4="),
                invalid("regions: no region has role primary; exactly one must", 3, 3,
                        "3=  - {name: us-east-1, role: secondary, cidr: 10.0.0.0/16}"),
                invalid("regions[1].role: only one region can be primary, and us-east-1 (line 3) already is", 4, 29,
                        "4=  - {name: us-east-2, role: primary, cidr: 10.1.0.0/16}"),
                invalid("regions[1].role: 'master' is not a role; expected one of primary, secondary", 4, 29,
                        "4=  - {name: us-east-2, role: master, cidr: 10.1.0.0/16}"),
                invalid("regions[1].name: region us-east-1 is listed twice (first at line 3)", 4, 12,
                        "4=  - {name: us-east-1, role: secondary, cidr: 10.1.0.0/16}"),
                invalid("regions[1].name: unknown AWS region 'us-est-2'; did you mean 'us-east-2'?", 4, 12,
                        "4=  - {name: us-est-2, role: secondary, cidr: 10.1.0.0/16}"),
                invalid("unknown AWS region 'mars-north-1' (expected a commercial region such as us-east-1", 4, 12,
                        "4=  - {name: mars-north-1, role: secondary, cidr: 10.1.0.0/16}"),
                invalid("missing required key 'cidr' in regions[0]", 3, 5, "3=  - {name: us-east-1, role: primary}"),
                // CIDRs
                invalid("regions[1].cidr: '10.1.0/16' is not a CIDR block of the form a.b.c.d/n", 4, 46,
                        "4=  - {name: us-east-2, role: secondary, cidr: 10.1.0/16}"),
                invalid("regions[1].cidr: '10.256.0.0/16' has an octet above 255: 256", 4, 46,
                        "4=  - {name: us-east-2, role: secondary, cidr: 10.256.0.0/16}"),
                invalid("regions[1].cidr: host bits set in 10.1.0.1/16; did you mean 10.1.0.0/16?", 4, 46,
                        "4=  - {name: us-east-2, role: secondary, cidr: 10.1.0.1/16}"),
                invalid("regions[1].cidr: /8 is outside the VPC sizes AWS allows (/16 to /28)", 4, 46,
                        "4=  - {name: us-east-2, role: secondary, cidr: 11.0.0.0/8}"),
                invalid("regions[1].cidr: /29 is outside the VPC sizes AWS allows (/16 to /28)", 4, 46,
                        "4=  - {name: us-east-2, role: secondary, cidr: 10.1.0.0/29}"),
                invalid("regions[1].cidr: 10.0.128.0/17 of us-east-2 (line 4) overlaps 10.0.0.0/16 of us-east-1 (line 3)",
                        4, 46, "4=  - {name: us-east-2, role: secondary, cidr: 10.0.128.0/17}"),
                invalid("regions[1].cidr: 10.1.0.0/27 is too small for 2 AZs: its 4 subnets would be smaller than "
                        + "AWS's minimum /28; use /26 or larger", 4, 46,
                        "4=  - {name: us-east-2, role: secondary, cidr: 10.1.0.0/27}"),
                invalid("10.1.0.0/26 is too small for 3 AZs: its 6 subnets would be smaller than AWS's minimum /28; "
                        + "use /25 or larger", 4, 46,
                        "4=  - {name: us-east-2, role: secondary, cidr: 10.1.0.0/26}", "5=network: {azs: 3}"),
                // network
                invalid("network.azs: 7 is outside 1 to 6", 5, 16, "5=network: {azs: 7}"),
                invalid("network.azs: 0 is outside 1 to 6", 5, 16, "5=network: {azs: 0}"),
                invalid("network.natGateways: 'per_az' is not a NAT gateway mode; did you mean 'per-az'?", 5, 24,
                        "5=network: {natGateways: per_az}"),
                invalid("network.natGateways: 'always' is not a NAT gateway mode; expected one of per-az, single, none",
                        5, 24, "5=network: {natGateways: always}"),
                invalid("network.flowLogRetentionDays: 45 is not a retention CloudWatch Logs accepts; nearest: 30 or 60",
                        5, 33, "5=network: {flowLogRetentionDays: 45}"),
                invalid("network.flowLogRetentionDays: 4000 is not a retention CloudWatch Logs accepts; nearest: 3653",
                        5, 33, "5=network: {flowLogRetentionDays: 4000}"),
                // app
                invalid("app.name: 'My App' must be 1 to 31 characters", 7, 9, "7=  name: My App"),
                invalid("app.port: 70000 is outside 1 to 65535", 8, 9, "8=  port: 70000"),
                invalid("app.port: 0 is outside 1 to 65535", 8, 9, "8=  port: 0"),
                invalid("app.healthCheckPath: 'health' must start with '/'", 9, 20, "9=  healthCheckPath: health"),
                invalid("app.cpu: 300 is not a Fargate CPU size; expected one of 256, 512, 1024", 10, 8, "10=  cpu: 300"),
                invalid("app.memory: 4096 MiB does not go with cpu 256 on Fargate, which allows 512, 1024 or 2048 MiB",
                        11, 11, "11=  memory: 4096"),
                invalid("app.memory: 2500 MiB does not go with cpu 1024 on Fargate, which allows 2048 to 8192 in steps "
                        + "of 1024 MiB", 11, 11, "10=  cpu: 1024", "11=  memory: 2500"),
                invalid("app.memory: 8192 MiB does not go with cpu 512 on Fargate, which allows 1024 to 4096 in steps of 1024",
                        11, 11, "10=  cpu: 512", "11=  memory: 8192"),
                invalid("app.memory: 32768 MiB does not go with cpu 4096 on Fargate, which allows 8192 to 30720", 11, 11,
                        "10=  cpu: 4096", "11=  memory: 32768"),
                // environments: any names, in order, as a mapping or a list
                invalid("app.environments.Prod: 'Prod' is not a valid environment name: it must be 1 to 31 characters",
                        14, 5, "14=    Prod: {desired: 2, min: 2, max: 10}"),
                invalid("duplicate key 'staging' in app.environments (first at line 13)", 14, 5,
                        "14=    staging: {desired: 2, min: 2, max: 10}"),
                invalid("app.environments: at least one environment is required", 12, 17,
                        "12=  environments: []", "13=", "14="),
                invalid("app.environments: at least one environment is required", 12, 17,
                        "12=  environments: {}", "13=", "14="),
                invalid("app.environments: expected a list of environments, found 'staging'", 12, 17,
                        "12=  environments: staging", "13=", "14="),
                invalid("app.environments[0].name: 'dev_1' is not a valid environment name", 13, 14,
                        "13=    - {name: dev_1, desired: 1, min: 1, max: 2}", "14=    - {name: prod, desired: 2, min: 2, max: 10}"),
                invalid("app.environments[1].name: 'prod' is already the name of app.environments[0]", 14,
                        14, "13=    - {name: prod, desired: 1, min: 1, max: 2}", "14=    - {name: prod, desired: 2, min: 2, max: 10}"),
                invalid("app.environments[1].desired: 12 is outside min 2 to max 10", 14, 29,
                        "13=    - {name: dev, desired: 1, min: 1, max: 2}", "14=    - {name: prod, desired: 12, min: 2, max: 10}"),
                invalid("unknown key 'desire' in app.environments[0]; did you mean 'desired'?", 13, 19,
                        "13=    - {name: dev, desire: 1, min: 1, max: 2}", "14=    - {name: prod, desired: 2, min: 2, max: 10}"),
                invalid("app.environments: 11 environments are more than 10: the certificate names the domain", 12, 17,
                        "12=  environments: [{name: e0, desired: 1, min: 1, max: 2}, {name: e1, desired: 1, min: 1, max: 2}, {name: e2, desired: 1, min: 1, max: 2}, {name: e3, desired: 1, min: 1, max: 2}, {name: e4, desired: 1, min: 1, max: 2}, {name: e5, desired: 1, min: 1, max: 2}, {name: e6, desired: 1, min: 1, max: 2}, {name: e7, desired: 1, min: 1, max: 2}, {name: e8, desired: 1, min: 1, max: 2}, {name: e9, desired: 1, min: 1, max: 2}, {name: e10, desired: 1, min: 1, max: 2}]",
                        "13=", "14="),
                invalid("missing required key 'name' in app.environments[0]", 13, 7,
                        "13=    - {desired: 1, min: 1, max: 2}", "14=    - {name: prod, desired: 2, min: 2, max: 10}"),
                invalid("app.environments.production.desired: 12 is outside min 2 to max 10", 14, 27,
                        "14=    production: {desired: 12, min: 2, max: 10}"),
                invalid("app.environments.production.desired: 1 is outside min 2 to max 10", 14, 27,
                        "14=    production: {desired: 1, min: 2, max: 10}"),
                invalid("app.environments.production.min: 5 is above max 3", 14, 35,
                        "14=    production: {desired: 2, min: 5, max: 3}"),
                invalid("app.environments.production.max: 150 is above 100, the most tasks this tool runs per environment",
                        14, 43, "14=    production: {desired: 2, min: 2, max: 150}"),
                invalid("app.environments.staging.min: -1 is negative", 13, 32,
                        "13=    staging: {desired: 1, min: -1, max: 2}"),
                invalid("app.autoscaling.cpuTarget: 0 is outside 1 to 100", 15, 28,
                        "15=  autoscaling: {cpuTarget: 0, memoryTarget: 70}"),
                invalid("app.autoscaling.memoryTarget: 101 is outside 1 to 100", 15, 46,
                        "15=  autoscaling: {cpuTarget: 60, memoryTarget: 101}"),
                // app.secrets (line 15 carries them after the autoscaling targets)
                invalid("app.secrets.DB_PASSWORD: 'vault:/x' must be ssm:PARAMETER_NAME or secretsmanager:SECRET_NAME", 16, 26,
                        "15=  autoscaling: {cpuTarget: 60, memoryTarget: 70}\n  secrets: {DB_PASSWORD: vault:/x}"),
                invalid("app.secrets.1PASSWORD: '1PASSWORD' is not an environment variable name", 16, 13,
                        "15=  autoscaling: {cpuTarget: 60, memoryTarget: 70}\n  secrets: {1PASSWORD: ssm:/acme/p}"),
                invalid("app.secrets.APP_PORT: APP_PORT is set by devops-cli itself", 16, 13,
                        "15=  autoscaling: {cpuTarget: 60, memoryTarget: 70}\n  secrets: {APP_PORT: ssm:/acme/p}"),
                invalid("app.secrets.API_KEY: 'a b' is not a Secrets Manager secret name", 16, 22,
                        "15=  autoscaling: {cpuTarget: 60, memoryTarget: 70}\n  secrets: {API_KEY: 'secretsmanager:a b'}"),
                // pipeline, alarms, failover
                invalid("pipeline.repository: 'demo.git' must not end with .git", 16, 24,
                        "16=pipeline: {repository: demo.git, branch: main, approval: {email: ops@example.com}}"),
                invalid("pipeline.repository: 'demo repo' must be 1 to 100 characters", 16, 24,
                        "16=pipeline: {repository: demo repo, branch: main, approval: {email: ops@example.com}}"),
                invalid("pipeline.branch: the branch name is empty", 16, 43,
                        "16=pipeline: {repository: demo-repo, branch: \"\", approval: {email: ops@example.com}}"),
                invalid("pipeline.branch: 'feature..x' is not a valid git branch name", 16, 43,
                        "16=pipeline: {repository: demo-repo, branch: feature..x, approval: {email: ops@example.com}}"),
                invalid("pipeline.approval.email: 'not-an-email' is not an email address", 16, 30,
                        "16=pipeline: {approval: {email: not-an-email}}"),
                invalid("missing required key 'approval' in pipeline", 16, 11, "16=pipeline: {branch: main}"),
                invalid("alarms.email: 'ops@' is not an email address", 17, 17, "17=alarms: {email: ops@}"),
                invalid("missing required key 'failover'", 1, 1, "18="),
                invalid("failover.hostedZone: '-bad-.com' is not a valid DNS name: label '-bad-'", 18, 24,
                        "18=failover: {hostedZone: -bad-.com, domain: app.example.com}"),
                invalid("failover.domain: app.example.org is not inside the hosted zone example.com", 18, 45,
                        "18=failover: {hostedZone: example.com, domain: app.example.org}"),
                invalid("failover.domain: app.notexample.com is not inside the hosted zone example.com", 18, 45,
                        "18=failover: {hostedZone: example.com, domain: app.notexample.com}"),
                invalid("failover.domain: 'localhost' is not a fully qualified DNS name", 18, 45,
                        "18=failover: {hostedZone: example.com, domain: localhost}"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void reportsTheProblemAtItsPosition(String fragment, int line, int column, String[] edits) {
        String yaml = edited(edits);
        InvalidTopologyException e = assertThrows(InvalidTopologyException.class,
                () -> TopologyLoader.parse(yaml, "topology.yaml"));
        assertTrue(e.problems().stream().anyMatch(p -> p.message().contains(fragment)
                        && p.line() == line && p.column() == column && p.source().equals("topology.yaml")),
                () -> "expected at " + line + ":" + column + " a problem containing <" + fragment + ">, got:\n"
                        + e.getMessage());
    }

    @Test
    void appSecretsAreReadAsReferences() {
        Topology topology = TopologyLoader.parse(edited("15=  autoscaling: {cpuTarget: 60, memoryTarget: 70}\n"
                + "  secrets: {DB_PASSWORD: ssm:/acme/db-password, API_KEY: secretsmanager:acme/api}"), "t.yaml");
        assertTrue(topology.app().secrets().equals(java.util.Map.of(
                "DB_PASSWORD", new AppSpec.SecretRef("ssm", "/acme/db-password"),
                "API_KEY", new AppSpec.SecretRef("secretsmanager", "acme/api"))), topology.app().secrets().toString());
    }

    @Test
    void theBaseDocumentIsValid() {
        Topology topology = TopologyLoader.parse(edited(), "topology.yaml");
        assertTrue(topology.project().equals("demo"));
    }
}

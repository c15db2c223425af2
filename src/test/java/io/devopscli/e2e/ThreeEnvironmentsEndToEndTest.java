package io.devopscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.devopscli.testing.Cli;
import io.devopscli.testing.EmulatorTest;
import io.devopscli.testing.RetryBounds;
import io.devopscli.aws.AwsClients;
import io.devopscli.testing.Emulator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * The example with three environments (config/examples/three-environments.yaml: dev, staging, production)
 * end to end on the emulator, checked through separate SDK clients: every environment gets its target
 * group, host rule (all but production, which the listener's default action serves), task definition,
 * service, alarms and dashboard widgets; the pipeline deploys dev, staging, then production after the
 * approval; status is in sync and checks each environment live; a second up changes nothing; down removes
 * it all.
 */
@EmulatorTest
@RetryBounds(boundMillis = 20_000, firstDelayMillis = 100)
class ThreeEnvironmentsEndToEndTest {
    private static final List<String> ENVIRONMENTS = List.of("dev", "staging", "production");
    private static final List<String> REGIONS = List.of("us-east-1", "us-west-2");

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        Emulator.reset();
    }

    @Test
    void threeEnvironmentsComeUpInOrderStayInSyncAndGoDown() throws Exception {
        Cli cli = new Cli(dir, Files.readString(Path.of("config/examples/three-environments.yaml")));

        Cli.Result up = cli.run("up", "--yes");
        assertEquals(0, up.code(), up.toString());
        for (String region : REGIONS) {
            checkEnvironments(region);
        }

        Cli.Result status = cli.run("status", "--detailed-exitcode", "-o", "json");
        assertEquals(0, status.code(), "in sync: " + status);
        assertTrue(status.json().get("inSync").asBoolean(), status.toString());
        for (JsonNode region : status.json().get("regions")) {
            List<String> checks = StreamSupport.stream(region.get("live").spliterator(), false)
                    .map(c -> c.get("check").asText()).toList();
            for (String env : ENVIRONMENTS) {
                for (String check : List.of("ecs ", "commit ", "targets ", "probe ")) {
                    assertTrue(checks.contains(check + env), check + env + " is checked live: " + checks);
                }
            }
        }

        Cli.Result second = cli.run("up", "--yes", "-o", "json");
        assertEquals(0, second.code(), second.toString());
        assertFalse(second.json().get("changes").asBoolean(), second.toString());
        assertEquals(0, second.json().get("awsCalls").get("mutating").asInt(), "second up mutates nothing: " + second);

        Cli.Result down = cli.run("down", "--yes");
        assertEquals(0, down.code(), down.toString());
        for (String region : REGIONS) {
            AwsClients aws = Emulator.clients(region);
            assertEquals(List.of(), ownedTargetGroups(aws).keySet().stream().toList(), region);
            assertEquals(List.of(), alarms(aws).stream().map(MetricAlarm::alarmName).toList(), region);
            assertTrue(aws.ecs().describeServices(r -> r.cluster("acme-shop-cluster")
                            .services(ENVIRONMENTS.stream().map(env -> "shop-" + env).toList())).services().stream()
                    .noneMatch(s -> "ACTIVE".equals(s.status())), region + ": no service left");
        }
    }

    @Test
    void anEnvironmentNameAwsCannotTakeIsATopologyErrorBeforeAnyCall() throws Exception {
        String yaml = Files.readString(Path.of("config/examples/three-environments.yaml"))
                .replace("{name: dev,", "{name: Dev_1,")
                .replace("{name: production,", "{name: staging,");
        Cli cli = new Cli(dir, yaml);

        // a closed port: any AWS call would end in a connection error (exit 1), not in 65
        Cli.Result up = cli.runAt(URI.create("http://127.0.0.1:9"), "up", "--yes");

        assertEquals(65, up.code(), up.toString());
        assertTrue(up.err().contains("app.environments[0].name: 'Dev_1' is not a valid environment name"), up.toString());
        assertTrue(up.err().contains("app.environments[2].name: 'staging' is already the name of app.environments[1]"),
                up.toString());
    }

    private static void checkEnvironments(String region) {
        AwsClients aws = Emulator.clients(region);
        Map<String, TargetGroup> groups = ownedTargetGroups(aws);
        assertEquals(List.of("acme-shop-dev", "acme-shop-production", "acme-shop-staging"),
                groups.keySet().stream().toList(), region);

        for (String env : ENVIRONMENTS) {
            var service = aws.ecs().describeServices(r -> r.cluster("acme-shop-cluster").services("shop-" + env))
                    .services().get(0);
            assertEquals("ACTIVE", service.status(), region + " " + env);
            assertEquals(groups.get("acme-shop-" + env).targetGroupArn(),
                    service.loadBalancers().get(0).targetGroupArn(), env + " serves from its own target group");
            var container = aws.ecs().describeTaskDefinition(r -> r.taskDefinition("acme-shop-shop-" + env))
                    .taskDefinition().containerDefinitions().get(0);
            assertEquals("/acme-shop/shop/" + env, container.logConfiguration().options().get("awslogs-group"));
            assertTrue(container.environment().stream()
                    .anyMatch(v -> v.name().equals("APP_ENVIRONMENT") && v.value().equals(env)), container.toString());
        }

        var lb = aws.elbv2().describeLoadBalancers(r -> r.names("acme-shop-alb")).loadBalancers().get(0);
        Listener https = aws.elbv2().describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn())).listeners().stream()
                .filter(l -> l.port() == 443).findFirst().orElseThrow();
        assertEquals(groups.get("acme-shop-production").targetGroupArn(),
                https.defaultActions().get(0).targetGroupArn(), "production is the listener's default");
        Map<String, String> rules = new TreeMap<>();
        for (Rule rule : aws.elbv2().describeRules(r -> r.listenerArn(https.listenerArn())).rules()) {
            if (!rule.isDefault()) {
                rules.put(rule.priority(), rule.conditions().get(0).hostHeaderConfig().values().get(0) + " -> "
                        + rule.actions().get(0).targetGroupArn());
            }
        }
        assertEquals(Map.of(
                "10", "dev.shop.example.com -> " + groups.get("acme-shop-dev").targetGroupArn(),
                "20", "staging.shop.example.com -> " + groups.get("acme-shop-staging").targetGroupArn()), rules, region);
        String certificate = https.certificates().get(0).certificateArn();
        assertEquals(List.of("shop.example.com", "dev.shop.example.com", "staging.shop.example.com"),
                aws.acm().describeCertificate(r -> r.certificateArn(certificate)).certificate().subjectAlternativeNames(),
                region);

        List<String> stages = aws.codepipeline().getPipeline(r -> r.name("acme-shop-pipeline")).pipeline().stages()
                .stream().map(s -> s.name()).toList();
        assertEquals(List.of("Source", "Build", "DeployDev", "DeployStaging", "Approval", "DeployProduction"), stages,
                region);

        Map<String, Long> alarmsPerEnvironment = alarms(aws).stream().map(MetricAlarm::alarmName)
                .map(name -> name.substring("acme-shop-".length()))
                .filter(key -> ENVIRONMENTS.stream().anyMatch(env -> key.startsWith(env + "-")))
                .collect(Collectors.groupingBy(key -> key.substring(0, key.indexOf('-')), TreeMap::new,
                        Collectors.counting()));
        assertEquals(Map.of("dev", 6L, "production", 6L, "staging", 6L), alarmsPerEnvironment, region);

        String dashboard = aws.cloudwatch().getDashboard(r -> r.dashboardName("acme-shop-" + region)).dashboardBody();
        for (String env : ENVIRONMENTS) {
            assertTrue(dashboard.contains("\"shop-" + env + "\""), env + "'s service is on the dashboard: " + dashboard);
            assertTrue(dashboard.contains(env + "-server-errors"), env + "'s app errors are on the dashboard");
        }
    }

    /** The project's target groups by name (the tool tags each with its Name). */
    private static Map<String, TargetGroup> ownedTargetGroups(AwsClients aws) {
        Map<String, TargetGroup> owned = new TreeMap<>();
        for (TargetGroup group : aws.elbv2().describeTargetGroups().targetGroups()) {
            boolean ours = aws.elbv2().describeTags(r -> r.resourceArns(group.targetGroupArn())).tagDescriptions()
                    .get(0).tags().stream()
                    .anyMatch(t -> t.key().equals("devops-cli:project") && t.value().equals("acme-shop"));
            if (ours) {
                owned.put(group.targetGroupName(), group);
            }
        }
        return owned;
    }

    private static List<MetricAlarm> alarms(AwsClients aws) {
        return aws.cloudwatch().describeAlarms(r -> r.alarmNamePrefix("acme-shop-")).metricAlarms();
    }
}

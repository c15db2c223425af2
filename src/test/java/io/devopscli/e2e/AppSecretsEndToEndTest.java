package io.devopscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.AwsClients;
import io.devopscli.testing.Cli;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import io.devopscli.testing.RetryBounds;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * App secrets end to end against the emulator: a secret missing in one region fails that region's task
 * definitions with a message naming it (the other region goes on), the task definitions carry the secrets
 * as references, the execution role may read exactly those, and no value ever appears in any output.
 */
@EmulatorTest
@RetryBounds(boundMillis = 20_000, firstDelayMillis = 100)
class AppSecretsEndToEndTest {
    private static final String VALUE = "hunter2-never-printed";
    private static final String TOPOLOGY = Cli.TWO_REGIONS.replace(
            "  autoscaling: {cpuTarget: 50, memoryTarget: 60}",
            "  autoscaling: {cpuTarget: 50, memoryTarget: 60}\n"
                    + "  secrets: {DB_PASSWORD: ssm:/acme/db-password, API_KEY: secretsmanager:acme/api}");

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        Emulator.reset();
    }

    @Test
    void aMissingSecretFailsItsRegionAndValuesNeverShow() throws Exception {
        for (String region : new String[] {"eu-west-1", "eu-central-1"}) {
            Emulator.clients(region).secretsManager().createSecret(r -> r.name("acme/api").secretString(VALUE));
        }
        Emulator.clients("eu-west-1").ssm().putParameter(r -> r.name("/acme/db-password").value(VALUE)
                .type(ParameterType.SECURE_STRING));
        Cli cli = new Cli(dir, TOPOLOGY);

        Cli.Result first = cli.run("up", "--yes");
        assertEquals(1, first.code(), first.toString());
        assertTrue(first.toString().contains("app secrets missing in eu-central-1: DB_PASSWORD (ssm:/acme/db-password)"),
                first.toString());
        assertTrue(Emulator.clients("eu-central-1").ecs().listTaskDefinitions(r -> r.familyPrefix("acme-shop-shop"))
                .taskDefinitionArns().isEmpty(), "no task definition names a secret that does not exist");
        assertFalse(first.toString().contains(VALUE), "no secret value in any output");

        Emulator.clients("eu-central-1").ssm().putParameter(r -> r.name("/acme/db-password").value(VALUE)
                .type(ParameterType.SECURE_STRING));
        Cli.Result second = cli.run("up", "--yes", "-v");
        assertEquals(0, second.code(), second.toString());
        assertFalse(second.toString().contains(VALUE), "no secret value in any output");

        for (String region : new String[] {"eu-west-1", "eu-central-1"}) {
            AwsClients aws = Emulator.clients(region);
            Map<String, String> secrets = aws.ecs().describeTaskDefinition(r -> r.taskDefinition("acme-shop-shop-production"))
                    .taskDefinition().containerDefinitions().get(0).secrets().stream()
                    .collect(Collectors.toMap(Secret::name, Secret::valueFrom));
            assertEquals(2, secrets.size(), secrets.toString());
            assertTrue(secrets.get("DB_PASSWORD").endsWith(":" + region + ":123456789012:parameter/acme/db-password"), secrets.toString());
            assertEquals(aws.secretsManager().describeSecret(r -> r.secretId("acme/api")).arn(), secrets.get("API_KEY"));

            String policy = URLDecoder.decode(aws.iam().getRolePolicy(r -> r.roleName("acme-shop-task-exec-" + region)
                    .policyName("task-execution")).policyDocument(), StandardCharsets.UTF_8);
            assertTrue(policy.contains("\"ssm:GetParameters\"") && policy.contains(":parameter/acme/db-password\""), policy);
            assertTrue(policy.contains(":secret:acme/api-??????\""), policy);
            assertFalse(policy.contains("parameter/*") || policy.contains("secret:*"), "exactly those, nothing else: " + policy);
        }

        Cli.Result converged = cli.run("up", "--yes", "-o", "json");
        assertEquals(0, converged.json().get("awsCalls").get("mutating").asInt(), converged.toString());
        Cli.Result status = cli.run("status", "--no-live");
        assertFalse(status.toString().contains(VALUE));
    }
}

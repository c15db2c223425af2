package io.devopscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.devopscli.aws.AwsClients;
import io.devopscli.replication.GitFixture;
import io.devopscli.replication.GitHttpServer;
import io.devopscli.testing.Cli;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import io.devopscli.testing.RetryBounds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * From an empty account to the first deploy, end to end against the emulator: `up` (HTTPS with an ACM
 * certificate per region validated in the zone, pipeline event rules, services held at zero tasks),
 * a second `up` that changes nothing, `push` of the sample app into the primary's repository, `replicate`
 * to the secondary, and `status` showing the pushed commit in both repositories and "waiting for the first
 * image" per region and environment. Everything is checked through a separate SDK client.
 *
 * <p>What the emulator cannot run is played by the next most real thing, and said where: git is served by
 * real git repositories on loopback (moto's CodeCommit has no git), the pipeline cannot run (moto has no
 * executions), so its deploy is done here with the two calls CodePipeline's ECS deploy action makes
 * (RegisterTaskDefinition with the commit's image, UpdateService), and the Scale action's shell is run by
 * ScaleBuildspecTest against a stand-in `aws` command.
 */
@EmulatorTest
@RetryBounds(boundMillis = 20_000, firstDelayMillis = 100)
class FirstDeployEndToEndTest {
    private static final String PRIMARY = "eu-west-1";
    private static final String SECONDARY = "eu-central-1";
    private static final List<String> REGIONS = List.of(PRIMARY, SECONDARY);

    @TempDir
    Path dir;

    private GitHttpServer git;
    private Repository primaryRepo;
    private Repository secondaryRepo;

    @BeforeEach
    void reset() throws Exception {
        Emulator.reset();
        git = GitHttpServer.start(dir.resolve("git"));
        primaryRepo = git.create(PRIMARY + "/acme-shop-repo");
        secondaryRepo = git.create(SECONDARY + "/acme-shop-repo");
    }

    @AfterEach
    void stop() throws Exception {
        git.close();
    }

    private String[] withGit(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--cache-dir", dir.resolve("cache-" + args[0]).toString()));
        for (String region : REGIONS) {
            all.add("--git-url");
            all.add(region + "=" + git.baseUrl(region));
        }
        return all.toArray(String[]::new);
    }

    @Test
    void fromAnEmptyAccountToTheFirstDeploy() throws Exception {
        Cli cli = new Cli(dir, Cli.TWO_REGIONS);

        Cli.Result up = cli.run("up", "--yes");
        assertEquals(0, up.code(), up.toString());
        assertTrue(up.err().contains("certificate for shop.acme.test, staging.shop.acme.test issued"), up.toString());

        Cli.Result second = cli.run("up", "--yes", "-o", "json");
        assertEquals(0, second.code(), second.toString());
        assertEquals(0, second.json().get("awsCalls").get("mutating").asInt(), "second up mutates nothing: " + second);

        for (String region : REGIONS) {
            checkHttps(region);
            checkPipelineEvents(region);
            checkHeldAtZero(region);
        }

        Path app = sampleApp();
        Cli.Result push = cli.run(withGit("push", "--path", app.toString(), "--message", "First release"));
        assertEquals(0, push.code(), push.toString());
        String sha = GitFixture.head(primaryRepo, "trunk").name();
        assertTrue(push.out().contains("commit " + sha), push.toString());

        Cli.Result waited = cli.run(withGit("push", "--path", app.toString(), "--wait"));
        assertEquals(0, waited.code(), "the emulator cannot run pipelines: said, and exit 0: " + waited);
        assertTrue(waited.out().contains("no new commit"), waited.toString());
        assertTrue(waited.err().contains("Pipeline runs: unavailable from this endpoint"), waited.toString());

        Cli.Result replicate = cli.run(withGit("replicate"));
        assertEquals(0, replicate.code(), replicate.toString());
        assertEquals(sha, GitFixture.head(secondaryRepo, "trunk").name(), "the secondary has the pushed SHA");

        Cli.Result status = cli.run(withGit("status", "-o", "json"));
        assertEquals(0, status.code(), status.toString());
        JsonNode primaryLive = live(status.json(), PRIMARY);
        assertEquals("at " + sha.substring(0, 8), check(primaryLive, "repository trunk").get("detail").asText());
        assertEquals("in sync at " + sha.substring(0, 8),
                check(live(status.json(), SECONDARY), "replication trunk").get("detail").asText());
        for (String region : REGIONS) {
            for (String env : List.of("staging", "production")) {
                JsonNode c = check(live(status.json(), region), "commit " + env);
                assertEquals("waiting for the first image: run `devops-cli push`", c.get("detail").asText(), region + " " + env);
                assertTrue(check(live(status.json(), region), "ecs " + env).get("ok").asBoolean(),
                        "waiting for the first image is not an error: " + region + " " + env);
            }
            assertTrue(check(live(status.json(), region), "url").get("detail").asText().startsWith("https://"));
        }

        // The pipeline's staging deploy, as CodePipeline's ECS action does it (moto cannot run pipelines)
        String image = deployLikeThePipeline(PRIMARY, "staging", sha);
        Cli.Result afterDeploy = cli.run("up", "--yes");
        assertEquals(0, afterDeploy.code(), afterDeploy.toString());
        ScalableTarget staging = target(PRIMARY, "staging");
        assertEquals(1, staging.minCapacity(), "staging runs the topology's counts once its first image is deployed");
        assertEquals(2, staging.maxCapacity());
        assertEquals(0, target(PRIMARY, "production").maxCapacity(), "production still waits for its approval");
        assertEquals(image, serviceImage(PRIMARY, "staging"), "up never rolls back the image the pipeline deployed");
        Cli.Result converged = cli.run("up", "--yes", "-o", "json");
        assertEquals(0, converged.json().get("awsCalls").get("mutating").asInt(), "still converged: " + converged);

        Cli.Result version = cli.run(withGit("status", "-o", "json"));
        assertTrue(check(live(version.json(), PRIMARY), "commit staging").get("detail").asText().startsWith(sha),
                version.toString());

        // down removes what this work added: certificates, their validation records, the event rules
        String zone = Emulator.clients(PRIMARY).route53().listHostedZonesByName(r -> r.dnsName("acme.test."))
                .hostedZones().get(0).id().replace("/hostedzone/", "");
        List<String> validationNames = new ArrayList<>();
        for (String region : REGIONS) {
            AwsClients aws = Emulator.clients(region);
            aws.acm().listCertificates().certificateSummaryList().forEach(c -> aws.acm()
                    .describeCertificate(r -> r.certificateArn(c.certificateArn())).certificate().domainValidationOptions()
                    .forEach(v -> validationNames.add(v.resourceRecord().name().toLowerCase())));
        }
        Cli.Result down = cli.run("down", "--yes", "--purge");
        assertEquals(0, down.code(), down.toString());
        for (String region : REGIONS) {
            AwsClients aws = Emulator.clients(region);
            assertEquals(0, aws.acm().listCertificates().certificateSummaryList().size(), region);
            assertTrue(aws.events().listRules(r -> r.namePrefix("acme-shop-pipeline")).rules().isEmpty(), region);
        }
        var zones = Emulator.clients(PRIMARY).route53().listHostedZonesByName(r -> r.dnsName("acme.test.")).hostedZones();
        if (!zones.isEmpty() && zones.get(0).id().endsWith(zone)) {
            List<String> left = Emulator.clients(PRIMARY).route53().listResourceRecordSets(r -> r.hostedZoneId(zone))
                    .resourceRecordSets().stream().map(rr -> rr.name().toLowerCase()).filter(validationNames::contains).toList();
            assertEquals(List.of(), left, "the validation records are gone");
        }
    }

    private void checkHttps(String region) {
        AwsClients aws = Emulator.clients(region);
        CertificateDetail cert = aws.acm().listCertificates().certificateSummaryList().stream()
                .filter(c -> c.domainName().equals("shop.acme.test"))
                .map(c -> aws.acm().describeCertificate(r -> r.certificateArn(c.certificateArn())).certificate())
                .findFirst().orElseThrow(() -> new AssertionError("no certificate in " + region));
        assertEquals("ISSUED", cert.statusAsString(), region);
        assertTrue(cert.subjectAlternativeNames().contains("staging.shop.acme.test"), region);
        String zone = aws.route53().listHostedZonesByName(r -> r.dnsName("acme.test.")).hostedZones().get(0).id()
                .replace("/hostedzone/", "");
        List<ResourceRecordSet> records = aws.route53().listResourceRecordSets(r -> r.hostedZoneId(zone)).resourceRecordSets();
        cert.domainValidationOptions().forEach(v -> assertTrue(records.stream().anyMatch(rr -> rr.type() == RRType.CNAME
                && rr.name().equalsIgnoreCase(v.resourceRecord().name())
                && rr.resourceRecords().get(0).value().equals(v.resourceRecord().value())),
                "validation record of " + v.domainName() + " in the zone (" + region + ")"));

        String lb = aws.elbv2().describeLoadBalancers(r -> r.names("acme-shop-alb")).loadBalancers().get(0).loadBalancerArn();
        List<Listener> listeners = aws.elbv2().describeListeners(r -> r.loadBalancerArn(lb)).listeners();
        Listener https = listeners.stream().filter(l -> l.port() == 443).findFirst().orElseThrow();
        assertEquals("HTTPS", https.protocolAsString());
        assertEquals("ELBSecurityPolicy-TLS13-1-2-2021-06", https.sslPolicy());
        assertEquals(cert.certificateArn(), https.certificates().get(0).certificateArn());
        Listener http = listeners.stream().filter(l -> l.port() == 80).findFirst().orElseThrow();
        assertEquals("redirect", http.defaultActions().get(0).typeAsString());
        assertEquals("HTTPS", http.defaultActions().get(0).redirectConfig().protocol());
        assertEquals("443", http.defaultActions().get(0).redirectConfig().port());
        assertTrue(aws.elbv2().describeRules(r -> r.listenerArn(https.listenerArn())).rules().stream()
                .anyMatch(rule -> rule.conditions().stream().anyMatch(c -> c.values().contains("staging.shop.acme.test")
                        || (c.hostHeaderConfig() != null && c.hostHeaderConfig().values().contains("staging.shop.acme.test")))),
                "the staging rule is on the HTTPS listener in " + region);
    }

    private void checkPipelineEvents(String region) {
        AwsClients aws = Emulator.clients(region);
        var group = aws.logs().describeLogGroups(r -> r.logGroupNamePrefix("/aws/events/acme-shop/pipeline")).logGroups();
        assertEquals(1, group.size(), region);
        assertEquals(30, group.get(0).retentionInDays());
        assertTrue(aws.logs().describeResourcePolicies().resourcePolicies().stream()
                .anyMatch(p -> p.policyName().equals("acme-shop-pipeline-events-to-logs")
                        && p.policyDocument().contains("events.amazonaws.com")), region);
        String events = aws.events().describeRule(r -> r.name("acme-shop-pipeline-events")).eventPattern();
        assertTrue(events.contains("CodePipeline Stage Execution State Change") && events.contains("acme-shop-pipeline"), events);
        Target logTarget = aws.events().listTargetsByRule(r -> r.rule("acme-shop-pipeline-events")).targets().get(0);
        assertTrue(logTarget.arn().endsWith(":log-group:/aws/events/acme-shop/pipeline"), logTarget.arn());

        String failed = aws.events().describeRule(r -> r.name("acme-shop-pipeline-failed")).eventPattern();
        assertTrue(failed.contains("FAILED"), failed);
        Target alarm = aws.events().listTargetsByRule(r -> r.rule("acme-shop-pipeline-failed")).targets().get(0);
        assertTrue(alarm.arn().endsWith(":acme-shop-alarms"), alarm.arn());
        assertTrue(alarm.inputTransformer().inputTemplate().contains("Pipeline <pipeline> FAILED in <region>"));
        String policy = aws.sns().getTopicAttributes(r -> r.topicArn(alarm.arn())).attributes().get("Policy");
        assertTrue(policy.contains("events.amazonaws.com") && policy.contains("rule/acme-shop-pipeline-failed"), policy);
    }

    private void checkHeldAtZero(String region) {
        AwsClients aws = Emulator.clients(region);
        for (String env : List.of("staging", "production")) {
            Service s = aws.ecs().describeServices(r -> r.cluster("acme-shop-cluster").services("shop-" + env)).services().get(0);
            assertEquals(0, s.desiredCount(), "no task pulls the missing image: " + region + " " + env);
            assertTrue(serviceImage(region, env).endsWith(":bootstrap"));
            assertEquals(0, target(region, env).minCapacity());
            assertEquals(0, target(region, env).maxCapacity());
        }
        List<StageDeclaration> stages = aws.codepipeline().getPipeline(r -> r.name("acme-shop-pipeline")).pipeline().stages();
        StageDeclaration staging = stages.stream().filter(s -> s.name().equals("DeployStaging")).findFirst().orElseThrow();
        assertEquals(List.of("Deploy", "Scale"), staging.actions().stream().map(a -> a.name()).toList());
        assertTrue(staging.actions().get(1).configuration().get("EnvironmentVariables").contains("\"MIN\",\"value\":\"1\""));
    }

    /** RegisterTaskDefinition with the commit's image, then UpdateService: what the ECS deploy action does. */
    private String deployLikeThePipeline(String region, String env, String sha) {
        AwsClients aws = Emulator.clients(region);
        TaskDefinition current = aws.ecs().describeTaskDefinition(r -> r.taskDefinition("acme-shop-shop-" + env)).taskDefinition();
        ContainerDefinition c = current.containerDefinitions().get(0);
        String image = c.image().substring(0, c.image().lastIndexOf(':')) + ":" + sha;
        TaskDefinition next = aws.ecs().registerTaskDefinition(r -> r.family(current.family()).cpu(current.cpu())
                .memory(current.memory()).networkMode(current.networkMode())
                .requiresCompatibilities(current.requiresCompatibilities())
                .executionRoleArn(current.executionRoleArn()).taskRoleArn(current.taskRoleArn())
                .containerDefinitions(c.toBuilder().image(image).build())).taskDefinition();
        aws.ecs().updateService(r -> r.cluster("acme-shop-cluster").service("shop-" + env)
                .taskDefinition(next.taskDefinitionArn()));
        return image;
    }

    private static String serviceImage(String region, String env) {
        AwsClients aws = Emulator.clients(region);
        String td = aws.ecs().describeServices(r -> r.cluster("acme-shop-cluster").services("shop-" + env)).services()
                .get(0).taskDefinition();
        return aws.ecs().describeTaskDefinition(r -> r.taskDefinition(td)).taskDefinition().containerDefinitions().get(0).image();
    }

    private static ScalableTarget target(String region, String env) {
        return Emulator.clients(region).autoscaling().describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceIds("service/acme-shop-cluster/shop-" + env)).scalableTargets().get(0);
    }

    private Path sampleApp() throws Exception {
        Path app = Files.createDirectories(dir.resolve("sample-app"));
        for (String file : List.of("Dockerfile", "buildspec.yml", "pom.xml")) {
            Files.copy(Path.of("sample-app", file), app.resolve(file));
        }
        Files.createDirectories(app.resolve("target"));
        Files.writeString(app.resolve("target/ignored.jar"), "build output, never pushed");
        return app;
    }

    private static JsonNode live(JsonNode status, String region) {
        return StreamSupport.stream(status.get("regions").spliterator(), false)
                .filter(r -> r.get("region").asText().equals(region)).findFirst().orElseThrow().get("live");
    }

    private static JsonNode check(JsonNode live, String name) {
        return StreamSupport.stream(live.spliterator(), false).filter(c -> c.get("check").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(name + " missing from " + live));
    }
}

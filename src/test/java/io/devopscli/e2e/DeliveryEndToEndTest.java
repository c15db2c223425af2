package io.devopscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.devopscli.aws.AwsClients;
import io.devopscli.testing.Cli;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import io.devopscli.testing.RetryBounds;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;

/**
 * The delivery layer end to end: the CLI brings it up in two regions, a separate SDK client checks what
 * AWS holds, hand edits of a task definition, a listener rule, an alarm topic's subscription and a
 * scaling policy are found and repaired, autoscaling's desired count is left alone, and down keeps the
 * data holders until --purge while sparing what is not ours.
 */
@EmulatorTest
@RetryBounds(boundMillis = 20_000, firstDelayMillis = 100)
class DeliveryEndToEndTest {
    private static final String PRIMARY = "eu-west-1";

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        Emulator.reset();
    }

    @Test
    void deliveryLayerComesUpIsRepairedAndGoesDownKeepingItsData() throws Exception {
        Cli cli = new Cli(dir, Cli.TWO_REGIONS);

        Cli.Result up = cli.run("up", "--yes");
        assertEquals(0, up.code(), up.toString());

        for (String region : List.of("eu-west-1", "eu-central-1")) {
            checkDeliveryLayer(region);
        }

        Cli.Result second = cli.run("up", "--yes", "-o", "json");
        assertEquals(0, second.code(), second.toString());
        assertEquals(0, second.json().get("awsCalls").get("mutating").asInt(), "second up mutates nothing: " + second);

        Cli.Result status = cli.run("status", "-o", "json");
        assertEquals(0, status.code(), status.toString());
        JsonNode live = status.json().get("regions").get(0).get("live");
        // no image built yet: held at zero tasks, and said so (FirstDeployEndToEndTest follows the first deploy)
        assertEquals("0 tasks: waiting for the first image: run `devops-cli push`",
                check(live, "ecs production").get("detail").asText());
        // moto has no pipeline executions: status says so, not as a problem, and goes on
        assertEquals("n/a", check(live, "pipeline").get("state").asText(), live.toString());
        assertTrue(check(live, "pipeline").get("detail").asText().contains("GetPipelineState"), live.toString());
        assertTrue(check(live, "url").get("detail").asText().startsWith("https://"), live.toString());

        driftByHand();
        Cli.Result drift = cli.run("status", "--detailed-exitcode", "--no-live");
        assertEquals(2, drift.code(), drift.toString());
        for (String drifted : List.of("ecs/task-definition production", "elbv2/listener-rule staging",
                "sns/subscription alarms-email", "autoscaling/scaling-policy production-cpu")) {
            assertTrue(drift.out().contains(drifted), drifted + " is named: " + drift);
        }
        assertFalse(drift.out().contains("ecs/service production  drifted"), "desired count belongs to autoscaling");

        Cli.Result repair = cli.run("up", "--yes");
        assertEquals(0, repair.code(), repair.toString());
        Cli.Result clean = cli.run("status", "--detailed-exitcode", "--no-live");
        assertEquals(0, clean.code(), clean.toString());
        checkRepaired();

        downKeepsDataUntilPurge(cli);
    }

    private void checkDeliveryLayer(String region) {
        AwsClients aws = Emulator.clients(region);
        var repo = aws.ecr().describeRepositories(r -> r.repositoryNames("acme-shop-shop")).repositories().get(0);
        assertTrue(repo.imageScanningConfiguration().scanOnPush(), region);
        assertEquals("IMMUTABLE", repo.imageTagMutabilityAsString(), region);

        Service production = aws.ecs().describeServices(r -> r.cluster("acme-shop-cluster").services("shop-production"))
                .services().get(0);
        assertEquals(0, production.desiredCount(), "held at zero until the pipeline deploys the first image");
        assertEquals("FARGATE", production.launchTypeAsString());
        assertTrue(production.deploymentConfiguration().deploymentCircuitBreaker().rollback());
        assertEquals("DISABLED", production.networkConfiguration().awsvpcConfiguration().assignPublicIpAsString());
        assertEquals(9090, production.loadBalancers().get(0).containerPort());

        TaskDefinition td = aws.ecs().describeTaskDefinition(r -> r.taskDefinition("acme-shop-shop-staging")).taskDefinition();
        ContainerDefinition container = td.containerDefinitions().get(0);
        assertEquals(9090, container.portMappings().get(0).containerPort());
        assertEquals("awslogs", container.logConfiguration().logDriverAsString());
        assertEquals("/acme-shop/shop/staging", container.logConfiguration().options().get("awslogs-group"));

        var lb = aws.elbv2().describeLoadBalancers(r -> r.names("acme-shop-alb")).loadBalancers().get(0);
        var listener = servingListener(aws, lb.loadBalancerArn());
        assertEquals(443, listener.port());
        Rule staging = stagingRule(aws, listener.listenerArn());
        assertEquals(List.of("staging.shop.acme.test"), staging.conditions().get(0).hostHeaderConfig().values());

        var target = aws.autoscaling().describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceIds("service/acme-shop-cluster/shop-production")).scalableTargets().get(0);
        assertEquals(0, target.minCapacity(), "held at 0..0 until the first image");
        assertEquals(0, target.maxCapacity());

        PipelineDeclaration pipeline = aws.codepipeline().getPipeline(r -> r.name("acme-shop-pipeline")).pipeline();
        assertEquals(List.of("Source", "Build", "DeployStaging", "Approval", "DeployProduction"),
                pipeline.stages().stream().map(s -> s.name()).toList());
        assertTrue(aws.codebuild().batchGetProjects(r -> r.names("acme-shop-build")).projects().get(0)
                .environment().privilegedMode());

        String topic = topicArn(aws, "acme-shop-alarms");
        assertEquals(List.of("oncall@acme.test"), aws.sns().listSubscriptionsByTopic(r -> r.topicArn(topic))
                .subscriptions().stream().map(s -> s.endpoint()).toList());
        assertEquals(1, aws.events().listTargetsByRule(r -> r.rule("acme-shop-push-to-pipeline")).targets().size());
        assertTrue(aws.codecommit().getRepository(r -> r.repositoryName("acme-shop-repo")).repositoryMetadata()
                .cloneUrlHttp().contains("acme-shop-repo"));
    }

    /** Four hand edits the next status must name, and one (the desired count) it must not. */
    private void driftByHand() {
        AwsClients aws = Emulator.clients(PRIMARY);
        TaskDefinition current = aws.ecs().describeTaskDefinition(r -> r.taskDefinition("acme-shop-shop-production"))
                .taskDefinition();
        aws.ecs().registerTaskDefinition(r -> r.family(current.family()).cpu(current.cpu()).memory("1024")
                .networkMode(current.networkMode()).requiresCompatibilities(current.requiresCompatibilities())
                .executionRoleArn(current.executionRoleArn()).taskRoleArn(current.taskRoleArn())
                .containerDefinitions(current.containerDefinitions()));

        var lb = aws.elbv2().describeLoadBalancers(r -> r.names("acme-shop-alb")).loadBalancers().get(0);
        var listener = servingListener(aws, lb.loadBalancerArn());
        Rule staging = stagingRule(aws, listener.listenerArn());
        aws.elbv2().modifyRule(r -> r.ruleArn(staging.ruleArn()).conditions(RuleCondition.builder().field("host-header")
                .hostHeaderConfig(h -> h.values("everyone.shop.acme.test")).build()));

        String topic = topicArn(aws, "acme-shop-alarms");
        aws.sns().listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions()
                .forEach(s -> aws.sns().unsubscribe(r -> r.subscriptionArn(s.subscriptionArn())));

        aws.autoscaling().putScalingPolicy(r -> r.policyName("acme-shop-shop-production-cpu")
                .serviceNamespace(ServiceNamespace.ECS).resourceId("service/acme-shop-cluster/shop-production")
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(95.0).predefinedMetricSpecification(
                        m -> m.predefinedMetricType(MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION))));

        aws.ecs().updateService(r -> r.cluster("acme-shop-cluster").service("shop-production").desiredCount(5));
    }

    private void checkRepaired() {
        AwsClients aws = Emulator.clients(PRIMARY);
        assertEquals("512", aws.ecs().describeTaskDefinition(r -> r.taskDefinition("acme-shop-shop-production"))
                .taskDefinition().memory(), "a new revision with the topology's memory");
        var lb = aws.elbv2().describeLoadBalancers(r -> r.names("acme-shop-alb")).loadBalancers().get(0);
        var listener = servingListener(aws, lb.loadBalancerArn());
        assertEquals(List.of("staging.shop.acme.test"),
                stagingRule(aws, listener.listenerArn()).conditions().get(0).hostHeaderConfig().values());
        String topic = topicArn(aws, "acme-shop-alarms");
        assertEquals(1, aws.sns().listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions().size());
        // filtered here too: moto's DescribeScalingPolicies may answer more than the names asked for
        assertEquals(50.0, aws.autoscaling().describeScalingPolicies(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .policyNames("acme-shop-shop-production-cpu")).scalingPolicies().stream()
                .filter(p -> p.policyName().equals("acme-shop-shop-production-cpu")).findFirst().orElseThrow()
                .targetTrackingScalingPolicyConfiguration().targetValue());
        assertEquals(5, aws.ecs().describeServices(r -> r.cluster("acme-shop-cluster").services("shop-production"))
                .services().get(0).desiredCount(), "up leaves autoscaling's desired count alone");
    }

    /** The topology names a hosted zone, so the app is served on the HTTPS listener (port 80 redirects). */
    private static software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener servingListener(AwsClients aws,
                                                                                                  String lbArn) {
        return aws.elbv2().describeListeners(r -> r.loadBalancerArn(lbArn)).listeners().stream()
                .filter(l -> l.port() == 443).findFirst().orElseThrow();
    }

    private void downKeepsDataUntilPurge(Cli cli) {
        AwsClients aws = Emulator.clients(PRIMARY);
        String bucket = aws.s3().listBuckets().buckets().stream().map(b -> b.name())
                .filter(n -> n.startsWith("acme-shop-artifacts-eu-west-1")).findFirst().orElseThrow();
        aws.s3().putObject(r -> r.bucket(bucket).key("SourceArti/source.zip"), RequestBody.fromString("zip"));
        String foreignCluster = aws.ecs().createCluster(r -> r.clusterName("someone-elses-cluster")).cluster().clusterArn();

        Cli.Result down = cli.run("down", "--yes");
        assertEquals(0, down.code(), down.toString());
        assertTrue(down.out().contains("kept: holds data"), down.toString());
        assertTrue(aws.codecommit().getRepository(r -> r.repositoryName("acme-shop-repo")).repositoryMetadata() != null);
        assertEquals(1, aws.ecr().describeRepositories(r -> r.repositoryNames("acme-shop-shop")).repositories().size());
        assertTrue(aws.s3().listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket)), "the full bucket stays");
        assertEquals(0, aws.elbv2().describeLoadBalancers().loadBalancers().size());
        assertEquals(List.of(foreignCluster), aws.ecs().listClusters().clusterArns().stream()
                .filter(arn -> !aws.ecs().describeClusters(r -> r.clusters(arn)).clusters().get(0).status().equals("INACTIVE"))
                .toList(), "only the cluster that is not ours is left");

        Cli.Result purge = cli.run("down", "--yes", "--purge");
        assertEquals(0, purge.code(), purge.toString());
        assertFalse(aws.s3().listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket)));
        assertEquals(0, aws.ecr().describeRepositories().repositories().size());
        // moto has no ListRepositories: ask for the one repository by name
        org.junit.jupiter.api.Assertions.assertThrows(
                software.amazon.awssdk.services.codecommit.model.RepositoryDoesNotExistException.class,
                () -> aws.codecommit().getRepository(r -> r.repositoryName("acme-shop-repo")));
    }

    private static Rule stagingRule(AwsClients aws, String listenerArn) {
        return aws.elbv2().describeRules(r -> r.listenerArn(listenerArn)).rules().stream()
                .filter(r -> !r.isDefault()).findFirst().orElseThrow();
    }

    private static String topicArn(AwsClients aws, String name) {
        return aws.sns().listTopics().topics().stream().map(t -> t.topicArn()).filter(a -> a.endsWith(":" + name))
                .findFirst().orElseThrow();
    }

    private static JsonNode check(JsonNode live, String name) {
        return StreamSupport.stream(live.spliterator(), false).filter(c -> c.get("check").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(name + " missing from " + live));
    }
}

package io.devopscli.resources.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.engine.FieldChange;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.Refs;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Service;

class ServiceDiffTest {
    private static final ResourceKey CLUSTER = key("ecs/cluster", "main");
    private static final ResourceKey TD = key("ecs/task-definition", "staging");
    private static final ResourceKey SUBNET_A = key("ec2/subnet", "private-a");
    private static final ResourceKey SUBNET_B = key("ec2/subnet", "private-b");
    private static final ResourceKey SG = key("ec2/security-group", "service");
    private static final ResourceKey TG = key("elbv2/target-group", "staging");
    private static final String TG_ARN = "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/p-staging/abc";
    private static final String TD_5 = "arn:aws:ecs:us-east-1:1:task-definition/p-app-staging:5";
    private static final String TD_6 = "arn:aws:ecs:us-east-1:1:task-definition/p-app-staging:6";
    private static final ServiceSpec SPEC = new ServiceSpec("app-staging", CLUSTER, TD, "app", 8080,
            List.of(SUBNET_A, SUBNET_B), SG, TG, 1, 60);
    private static final Refs PARENTS = Refs.of(Map.of(SUBNET_A, "subnet-a", SUBNET_B, "subnet-b",
            SG, "sg-1", TG, TG_ARN));

    private final ServiceReconciler reconciler = new ServiceReconciler();

    private static ResourceKey key(String type, String name) {
        return new ResourceKey("us-east-1", type, name);
    }

    /** The service as created from SPEC, running running; edit changes one thing. */
    private static Service service(String running, UnaryOperator<Service.Builder> edit) {
        return edit.apply(Service.builder().serviceName("app-staging")
                .serviceArn("arn:aws:ecs:us-east-1:1:service/p-cluster/app-staging")
                .clusterArn("arn:aws:ecs:us-east-1:1:cluster/p-cluster").status("ACTIVE").launchType("FARGATE")
                .taskDefinition(running).desiredCount(1).runningCount(1).pendingCount(0)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-b", "subnet-a")
                        .securityGroups("sg-1").assignPublicIp("DISABLED")))
                .loadBalancers(l -> l.targetGroupArn(TG_ARN).containerName("app").containerPort(8080))
                .deploymentConfiguration(d -> d.deploymentCircuitBreaker(c -> c.enable(true).rollback(true)))
                .healthCheckGracePeriodSeconds(60).propagateTags("SERVICE")).build();
    }

    private List<FieldChange> diff(Service s, String published, boolean revisionDue) {
        return reconciler.diff(SPEC, ServiceReconciler.state(s, published, revisionDue), PARENTS);
    }

    private List<String> fields(Service s) {
        return diff(s, TD_5, false).stream().map(FieldChange::field).toList();
    }

    @Test
    void aServiceAsCreatedHasNoDrift() {
        assertEquals(List.of(), fields(service(TD_5, s -> s)));
    }

    @Test
    void desiredCountBelongsToAutoscaling() {
        assertEquals(List.of(), fields(service(TD_5, s -> s.desiredCount(7).runningCount(7))));
    }

    @Test
    void anOlderRevisionOfOurFamilyIsNotDrift() {
        // where a circuit breaker rollback leaves the service after the pipeline's latest revision failed
        assertEquals(List.of(), diff(service(TD_5, s -> s), TD_6, false));
    }

    @Test
    void aNewerRevisionThePipelineDeployedIsNotDrift() {
        assertEquals(List.of(), diff(service(TD_6, s -> s), TD_5, false));
    }

    @Test
    void aRevisionOurTaskDefinitionRegistersThisRunIsDrift() {
        List<FieldChange> changes = diff(service(TD_5, s -> s), TD_5, true);
        assertEquals(List.of(FieldChange.of("taskDefinition", "(new revision of our task definition)", TD_5)), changes);
    }

    @Test
    void anotherFamilyIsDrift() {
        String other = "arn:aws:ecs:us-east-1:1:task-definition/someone-else:3";
        assertEquals(List.of(FieldChange.of("taskDefinition", TD_5, other)), diff(service(other, s -> s), TD_5, false));
    }

    @Test
    void aTaskDefinitionNotCreatedYetIsDrift() {
        assertEquals(List.of("taskDefinition"), diff(service(TD_5, s -> s), null, true).stream()
                .map(FieldChange::field).toList());
    }

    @Test
    void networkLoadBalancerAndDeploymentSettingsAreDrift() {
        assertEquals(List.of(FieldChange.of("subnets", List.of("private-a", "private-b"), List.of("private-a", "subnet-x"))),
                diff(service(TD_5, s -> s.networkConfiguration(n -> n.awsvpcConfiguration(a -> a
                        .subnets("subnet-a", "subnet-x").securityGroups("sg-1").assignPublicIp("DISABLED")))), TD_5, false));
        assertEquals(List.of("securityGroups", "assignPublicIp"), fields(service(TD_5, s -> s.networkConfiguration(n -> n
                .awsvpcConfiguration(a -> a.subnets("subnet-a", "subnet-b").securityGroups("sg-1", "sg-2")
                        .assignPublicIp("ENABLED"))))));
        assertEquals(List.of(FieldChange.of("loadBalancers", List.of("staging app:8080"), List.of("staging app:9090"))),
                diff(service(TD_5, s -> s.loadBalancers(l -> l.targetGroupArn(TG_ARN).containerName("app")
                        .containerPort(9090))), TD_5, false));
        assertEquals(List.of(FieldChange.of("deploymentCircuitBreaker", "enable=true rollback=true", "none")),
                diff(service(TD_5, s -> s.deploymentConfiguration(d -> d.maximumPercent(200))), TD_5, false));
        assertEquals(List.of("healthCheckGracePeriodSeconds", "propagateTags"),
                fields(service(TD_5, s -> s.healthCheckGracePeriodSeconds(0).propagateTags("NONE"))));
    }

    @Test
    void aLaunchTypeChangeReplaces() {
        List<FieldChange> changes = diff(service(TD_5, s -> s.launchType("EC2")), TD_5, false);
        assertEquals(List.of(FieldChange.immutable("launchType", "FARGATE", "EC2")), changes);
    }
}

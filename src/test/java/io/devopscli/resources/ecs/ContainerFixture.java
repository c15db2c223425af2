package io.devopscli.resources.ecs;

import static io.devopscli.resources.EngineHarness.key;

import io.devopscli.aws.AwsClients;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.PreMadeReconciler;
import io.devopscli.resources.iam.ContainerPolicies;
import io.devopscli.resources.iam.Policies;
import java.util.List;

/**
 * The parents of the container nodes, made with plain SDK clients (a VPC with two private subnets, the
 * service security group, a target group, the log group and both task roles) and published through
 * PreMadeReconciler; plus the real cluster, task definition and service nodes on top of them.
 */
public record ContainerFixture(String repositoryUri, String logGroup, String executionRoleArn, String taskRoleArn,
                               String subnetA, String subnetB, String securityGroup, String targetGroupArn) {
    public static final ResourceKey REPOSITORY = key("ecr/repository", "app");
    public static final ResourceKey LOG_GROUP = key("logs/log-group", "app-staging");
    public static final ResourceKey EXECUTION_ROLE = key("iam/role", "task-execution");
    public static final ResourceKey TASK_ROLE = key("iam/role", "task");
    public static final ResourceKey SUBNET_A = key("ec2/subnet", "private-a");
    public static final ResourceKey SUBNET_B = key("ec2/subnet", "private-b");
    public static final ResourceKey SECURITY_GROUP = key("ec2/security-group", "service");
    public static final ResourceKey TARGET_GROUP = key("elbv2/target-group", "staging");
    public static final ResourceKey CLUSTER = key("ecs/cluster", "main");
    public static final ResourceKey TASK_DEFINITION = key("ecs/task-definition", "staging");
    public static final ResourceKey SERVICE = key("ecs/service", "staging");

    public static final String CLUSTER_NAME = "natproj-cluster";
    public static final String FAMILY = "natproj-app-staging";
    public static final String SERVICE_NAME = "app-staging";

    public static ContainerFixture make(AwsClients aws) {
        var ec2 = aws.ec2();
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.30.0.0/16")).vpc().vpcId();
        String a = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.30.10.0/24").availabilityZone("us-east-1a"))
                .subnet().subnetId();
        String b = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.30.11.0/24").availabilityZone("us-east-1b"))
                .subnet().subnetId();
        String sg = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("natproj-service").description("tasks"))
                .groupId();
        String tg = aws.elbv2().createTargetGroup(r -> r.name("natproj-staging").protocol("HTTP").port(8080)
                .vpcId(vpc).targetType("ip").healthCheckPath("/health")).targetGroups().get(0).targetGroupArn();
        String logGroup = "/natproj/app/staging";
        aws.logs().createLogGroup(r -> r.logGroupName(logGroup));
        String exec = role(aws, "natproj-task-exec-us-east-1",
                ContainerPolicies.taskExecution("us-east-1", "natproj-app", List.of(logGroup)));
        String task = role(aws, "natproj-task-us-east-1", ContainerPolicies.task("natproj/app"));
        String uri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/natproj-app";
        return new ContainerFixture(uri, logGroup, exec, task, a, b, sg, tg);
    }

    private static String role(AwsClients aws, String name, String policy) {
        String arn = aws.iam().createRole(r -> r.roleName(name)
                .assumeRolePolicyDocument(Policies.trust(ContainerPolicies.ECS_TASKS))).role().arn();
        aws.iam().putRolePolicy(r -> r.roleName(name).policyName("app").policyDocument(policy));
        return arn;
    }

    public static final String BUILT_TAG = "3f2a9c1";

    public static TaskDefinitionSpec taskDefinition(String cpu) {
        return new TaskDefinitionSpec(FAMILY, cpu, "512", "app", 8080,
                TaskDefinitionSpec.appEnvironment("app", "staging", "us-east-1", "/health", 8080),
                // an image tag the pipeline built: these tests are about services past their first image
                // (FirstDeployEndToEndTest covers the ":bootstrap" placeholder, held at zero tasks)
                REPOSITORY, BUILT_TAG, LOG_GROUP, "app", EXECUTION_ROLE, TASK_ROLE);
    }

    public static ServiceSpec service(int desiredCount, int gracePeriod) {
        return new ServiceSpec(SERVICE_NAME, CLUSTER, TASK_DEFINITION, "app", 8080, List.of(SUBNET_A, SUBNET_B),
                SECURITY_GROUP, TARGET_GROUP, desiredCount, gracePeriod);
    }

    /** The pre-made parents of the task definition and of the service. */
    public void parents(RegionGraph g) {
        g.add(REPOSITORY, new PreMadeReconciler(), repositoryUri);
        g.add(LOG_GROUP, new PreMadeReconciler(), logGroup);
        g.add(EXECUTION_ROLE, new PreMadeReconciler(), executionRoleArn);
        g.add(TASK_ROLE, new PreMadeReconciler(), taskRoleArn);
        g.add(SUBNET_A, new PreMadeReconciler(), subnetA);
        g.add(SUBNET_B, new PreMadeReconciler(), subnetB);
        g.add(SECURITY_GROUP, new PreMadeReconciler(), securityGroup);
        g.add(TARGET_GROUP, new PreMadeReconciler(), targetGroupArn);
    }

    /** Parents, cluster, task definition and service, as the graph builder will wire them. */
    public void containers(RegionGraph g, TaskDefinitionSpec taskDefinition, ServiceSpec service) {
        parents(g);
        g.add(CLUSTER, new ClusterReconciler(), ClusterSpec.withInsights(CLUSTER_NAME));
        g.add(TASK_DEFINITION, new TaskDefinitionReconciler(), taskDefinition, REPOSITORY, LOG_GROUP, EXECUTION_ROLE,
                TASK_ROLE);
        g.add(SERVICE, new ServiceReconciler(), service, service.parents());
    }
}

package io.devopscli.resources.layers;

import io.devopscli.engine.RegionContext;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.acm.CertificateReconciler;
import io.devopscli.resources.acm.CertificateSpec;
import io.devopscli.resources.autoscaling.ScalableTargetReconciler;
import io.devopscli.resources.autoscaling.ScalableTargetSpec;
import io.devopscli.resources.autoscaling.ScalingPolicyReconciler;
import io.devopscli.resources.autoscaling.ScalingPolicySpec;
import io.devopscli.resources.codebuild.ProjectReconciler;
import io.devopscli.resources.codebuild.ProjectSpec;
import io.devopscli.resources.codebuild.ScaleBuildspec;
import io.devopscli.resources.codepipeline.DeliveryPipelineSpec;
import io.devopscli.resources.codepipeline.PipelineReconciler;
import io.devopscli.resources.ecr.RepositoryReconciler;
import io.devopscli.resources.ecr.RepositorySpec;
import io.devopscli.resources.ecs.ClusterReconciler;
import io.devopscli.resources.ecs.ClusterSpec;
import io.devopscli.resources.ecs.FirstImage;
import io.devopscli.resources.ecs.ServiceReconciler;
import io.devopscli.resources.ecs.ServiceSpec;
import io.devopscli.resources.ecs.TaskDefinitionReconciler;
import io.devopscli.resources.ecs.TaskDefinitionSpec;
import io.devopscli.resources.elbv2.ListenerReconciler;
import io.devopscli.resources.elbv2.ListenerRuleReconciler;
import io.devopscli.resources.elbv2.ListenerRuleSpec;
import io.devopscli.resources.elbv2.ListenerSpec;
import io.devopscli.resources.elbv2.LoadBalancerReconciler;
import io.devopscli.resources.elbv2.LoadBalancerSpec;
import io.devopscli.resources.elbv2.TargetGroupReconciler;
import io.devopscli.resources.elbv2.TargetGroupSpec;
import io.devopscli.resources.events.RuleReconciler;
import io.devopscli.resources.events.RuleSpec;
import io.devopscli.resources.iam.BuildPolicies;
import io.devopscli.resources.iam.ContainerPolicies;
import io.devopscli.resources.iam.PipelinePolicies;
import io.devopscli.resources.iam.PipelinePolicies.PipelineGrants;
import io.devopscli.resources.iam.RoleReconciler;
import io.devopscli.resources.iam.RoleSpec;
import io.devopscli.resources.logs.LogGroupReconciler;
import io.devopscli.resources.logs.LogGroupSpec;
import io.devopscli.resources.route53.CertificateValidationReconciler;
import io.devopscli.resources.route53.CertificateValidationSpec;
import io.devopscli.resources.s3.ArtifactBucketReconciler;
import io.devopscli.resources.secrets.AppSecretsReconciler;
import io.devopscli.resources.secrets.AppSecretsSpec;
import io.devopscli.resources.s3.ArtifactBucketSpec;
import io.devopscli.resources.sns.EmailSubscriptionReconciler;
import io.devopscli.resources.sns.EmailSubscriptionSpec;
import io.devopscli.resources.sns.TopicReconciler;
import io.devopscli.resources.sns.TopicSpec;
import io.devopscli.topology.AppSpec;
import io.devopscli.topology.AppSpec.EnvironmentSpec;
import io.devopscli.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The delivery layer of one region as graph nodes: the app's containers (ECR, ECS cluster, task
 * definitions, services with autoscaling) behind the load balancer, and its delivery (CodeCommit, the
 * artifact bucket, CodeBuild, the five-stage pipeline, the push trigger, SNS topics).
 */
public final class DeliveryLayer {
    /** The two environments, staging first: the pipeline deploys them in this order. */
    public static final List<String> ENVIRONMENTS = List.of("staging", "production");
    static final int LOG_RETENTION_DAYS = 30;
    static final int KEEP_IMAGES = 30;
    static final int NONCURRENT_ARTIFACT_DAYS = 30;
    static final int HEALTH_CHECK_GRACE_SECONDS = 60;

    private final Topology topology;
    private final String region;
    private final NetworkLayer.Outputs network;
    private final String p;
    private final AppSpec app;
    private final RoleReconciler roles = new RoleReconciler();
    private final LogGroupReconciler logGroups = new LogGroupReconciler();

    public DeliveryLayer(Topology topology, String region, NetworkLayer.Outputs network) {
        this.topology = topology;
        this.region = region;
        this.network = network;
        this.p = topology.project();
        this.app = topology.app();
    }

    /** Deterministic names other parts of the tool (status, the pipeline) refer to. */
    public static String clusterName(String project) {
        return project + "-cluster";
    }

    public static String serviceName(AppSpec app, String environment) {
        return app.name() + "-" + environment;
    }

    public static String loadBalancerName(String project) {
        return project + "-alb";
    }

    public static String pipelineName(String project) {
        return project + "-pipeline";
    }

    public static String alarmsTopicName(String project) {
        return project + "-alarms";
    }

    public static String targetGroupName(String project, String environment) {
        return project + "-" + environment;
    }

    /**
     * What later layers (monitoring) refer to; the maps are keyed by environment, staging first.
     */
    public record Outputs(ResourceKey loadBalancer, Map<String, ResourceKey> targetGroups,
                          Map<String, ResourceKey> services, Map<String, ResourceKey> appLogGroups,
                          ResourceKey alarmsTopic) {}

    public Outputs addTo(RegionGraph g) {
        LoadBalancing lb = addLoadBalancing(g);
        Map<String, ResourceKey> services = addContainers(g, lb);
        ResourceKey alarmsTopic = addDelivery(g, services);
        Map<String, ResourceKey> appLogGroups = new LinkedHashMap<>();
        ENVIRONMENTS.forEach(env -> appLogGroups.put(env, key("logs/log-group", "app-" + env)));
        return new Outputs(lb.loadBalancer(), lb.targetGroups(), services, appLogGroups, alarmsTopic);
    }

    /** The load balancer; per environment its target group, and the listener or rule that serves it. */
    private record LoadBalancing(ResourceKey loadBalancer, Map<String, ResourceKey> targetGroups,
                                 Map<String, ResourceKey> servedBy) {}

    private LoadBalancing addLoadBalancing(RegionGraph g) {
        List<ResourceKey> albDeps = new ArrayList<>(network.publicSubnets());
        albDeps.add(network.albSecurityGroup());
        ResourceKey alb = g.add(key("elbv2/load-balancer", "alb"), new LoadBalancerReconciler(),
                LoadBalancerSpec.internetFacing(loadBalancerName(p), network.publicSubnets(),
                        List.of(network.albSecurityGroup())), albDeps);
        Map<String, ResourceKey> targetGroups = new LinkedHashMap<>();
        TargetGroupReconciler tgs = new TargetGroupReconciler();
        for (String env : ENVIRONMENTS) {
            targetGroups.put(env, g.add(key("elbv2/target-group", env), tgs, TargetGroupSpec.forApp(
                    targetGroupName(p, env), network.vpc(), app.port(), app.healthCheckPath()), network.vpc()));
        }
        ListenerReconciler listeners = new ListenerReconciler();
        ResourceKey listener;
        if (topology.failover().https()) {
            // HTTPS: a certificate for the domain and staging.<domain>, validated by records in the zone;
            // the HTTPS listener is made once it is issued, and port 80 only redirects to it
            String domain = topology.failover().domain();
            ResourceKey certificate = g.add(key("acm/certificate", "app"), new CertificateReconciler(),
                    CertificateSpec.forApp(p + "-app", domain));
            ResourceKey issued = g.add(key("route53/certificate-validation", "app"), new CertificateValidationReconciler(),
                    new CertificateValidationSpec(certificate, topology.failover().hostedZone()), certificate);
            g.add(key("elbv2/listener", "http"), listeners, ListenerSpec.redirectToHttps(p + "-http", alb), alb);
            listener = g.add(key("elbv2/listener", "https"), listeners,
                    ListenerSpec.https(p + "-https", alb, targetGroups.get("production"), issued),
                    alb, targetGroups.get("production"), issued);
        } else {
            listener = g.add(key("elbv2/listener", "http"), listeners,
                    ListenerSpec.http(p + "-http", alb, targetGroups.get("production")), alb, targetGroups.get("production"));
        }
        ResourceKey rule = g.add(key("elbv2/listener-rule", "staging"), new ListenerRuleReconciler(),
                ListenerRuleSpec.staging(p + "-staging", listener, topology.failover().domain(), targetGroups.get("staging")),
                listener, targetGroups.get("staging"));
        return new LoadBalancing(alb, targetGroups, Map.of("staging", rule, "production", listener));
    }

    private Map<String, ResourceKey> addContainers(RegionGraph g, LoadBalancing lb) {
        String repositoryName = p + "-" + app.name();
        ResourceKey ecr = g.add(key("ecr/repository", "app"), new RepositoryReconciler(),
                RepositorySpec.secure(repositoryName, KEEP_IMAGES));
        ResourceKey cluster = g.add(key("ecs/cluster", "main"), new ClusterReconciler(),
                ClusterSpec.withInsights(clusterName(p)));

        Map<String, ResourceKey> appLogs = new LinkedHashMap<>();
        for (String env : ENVIRONMENTS) {
            appLogs.put(env, g.add(key("logs/log-group", "app-" + env), logGroups,
                    new LogGroupSpec(appLogGroupName(env), LOG_RETENTION_DAYS)));
        }
        ResourceKey executionRole = g.add(key("iam/role", "task-execution"), roles, new RoleSpec(
                regional("task-exec"), ContainerPolicies.ECS_TASKS, "task-execution",
                ContainerPolicies.taskExecution(region, repositoryName,
                        ENVIRONMENTS.stream().map(this::appLogGroupName).toList(), app.secrets())));
        // the app's secrets must exist in this region before a task definition names them
        ResourceKey secrets = app.secrets().isEmpty() ? null : g.add(key("secrets/app-secrets", "app"),
                new AppSecretsReconciler(), new AppSecretsSpec(app.secrets()));
        ResourceKey taskRole = g.add(key("iam/role", "task"), roles, new RoleSpec(
                regional("task"), ContainerPolicies.ECS_TASKS, "task", ContainerPolicies.task(p)));

        Map<String, ResourceKey> services = new LinkedHashMap<>();
        TaskDefinitionReconciler taskDefinitions = new TaskDefinitionReconciler();
        ServiceReconciler serviceReconciler = new ServiceReconciler();
        for (String env : ENVIRONMENTS) {
            ResourceKey taskDefinition = g.add(key("ecs/task-definition", env), taskDefinitions,
                    new TaskDefinitionSpec(p + "-" + app.name() + "-" + env, String.valueOf(app.cpu()),
                            String.valueOf(app.memory()), app.name(), app.port(),
                            TaskDefinitionSpec.appEnvironment(app.name(), env, region, app.healthCheckPath(), app.port()),
                            ecr, FirstImage.BOOTSTRAP_TAG, appLogs.get(env), env, executionRole, taskRole, secrets),
                    secrets == null ? List.of(ecr, appLogs.get(env), executionRole, taskRole)
                            : List.of(ecr, appLogs.get(env), executionRole, taskRole, secrets));
            EnvironmentSpec size = app.environments().get(env);
            ServiceSpec serviceSpec = new ServiceSpec(serviceName(app, env), cluster, taskDefinition, app.name(),
                    app.port(), network.privateSubnets(), network.serviceSecurityGroup(), lb.targetGroups().get(env),
                    size.desired(), HEALTH_CHECK_GRACE_SECONDS);
            List<ResourceKey> serviceDeps = new ArrayList<>(serviceSpec.parents());
            // AWS attaches a service to a target group only once the group serves a listener or rule.
            serviceDeps.add(lb.servedBy().get(env));
            ResourceKey service = g.add(key("ecs/service", env), serviceReconciler, serviceSpec, serviceDeps);
            services.put(env, service);
            addAutoscaling(g, env, service, taskDefinition, size);
        }
        return services;
    }

    private void addAutoscaling(RegionGraph g, String env, ResourceKey service, ResourceKey taskDefinition,
                                EnvironmentSpec size) {
        String name = p + "-" + app.name() + "-" + env;
        ResourceKey target = g.add(key("autoscaling/scalable-target", env), new ScalableTargetReconciler(),
                new ScalableTargetSpec(name, service, size.min(), size.max(), taskDefinition), service);
        ScalingPolicyReconciler policies = new ScalingPolicyReconciler();
        g.add(key("autoscaling/scaling-policy", env + "-cpu"), policies,
                ScalingPolicySpec.cpu(name + "-cpu", target, app.autoscaling().cpuTarget()), target);
        g.add(key("autoscaling/scaling-policy", env + "-memory"), policies,
                ScalingPolicySpec.memory(name + "-memory", target, app.autoscaling().memoryTarget()), target);
    }

    /** Returns the alarms topic's key. */
    private ResourceKey addDelivery(RegionGraph g, Map<String, ResourceKey> services) {
        RegionContext ctx = g.context();
        String repositoryName = topology.pipeline().repository();
        ResourceKey repository = g.add(key("codecommit/repository", "repo"),
                new io.devopscli.resources.codecommit.RepositoryReconciler(),
                new io.devopscli.resources.codecommit.RepositorySpec(repositoryName,
                        "Source of " + p + ", built and deployed by its pipeline"));
        ArtifactBucketSpec bucketSpec = new ArtifactBucketSpec(p + "-artifacts", NONCURRENT_ARTIFACT_DAYS);
        ResourceKey bucket = g.add(key("s3/bucket", "artifacts"), new ArtifactBucketReconciler(), bucketSpec);
        // The bucket's name holds the account id: the build and pipeline policies name the bucket exactly.
        String bucketName = ArtifactBucketReconciler.bucketName(bucketSpec, ctx);

        String buildLogGroup = "/" + p + "/codebuild";
        ResourceKey buildLogs = g.add(key("logs/log-group", "codebuild"), logGroups,
                new LogGroupSpec(buildLogGroup, LOG_RETENTION_DAYS));
        String imageRepository = p + "-" + app.name();
        ResourceKey buildRole = g.add(key("iam/role", "codebuild"), roles, new RoleSpec(regional("codebuild"),
                "codebuild.amazonaws.com", "codebuild",
                BuildPolicies.codeBuild(region, buildLogGroup, bucketName, imageRepository)));
        ResourceKey project = g.add(key("codebuild/project", "build"), new ProjectReconciler(), new ProjectSpec(
                p + "-build", "buildspec.yml", "aws/codebuild/standard:7.0", "BUILD_GENERAL1_SMALL", true,
                Map.of("IMAGE_REPO_NAME", imageRepository, "CONTAINER_NAME", app.name()), buildRole, buildLogs),
                buildRole, buildLogs);

        // the Scale action after each deploy: the topology's counts once a service has its first image
        String scaleProjectName = p + "-scale";
        ResourceKey scaleRole = g.add(key("iam/role", "scale"), roles, new RoleSpec(regional("scale"),
                "codebuild.amazonaws.com", "scale-to-topology", BuildPolicies.scaleToTopology(region, buildLogGroup,
                clusterName(p), ENVIRONMENTS.stream().map(e -> serviceName(app, e)).toList())));
        ResourceKey scaleProject = g.add(key("codebuild/project", "scale"), new ProjectReconciler(), new ProjectSpec(
                scaleProjectName, ScaleBuildspec.YAML, "aws/codebuild/standard:7.0", "BUILD_GENERAL1_SMALL", false,
                Map.of(), scaleRole, buildLogs), scaleRole, buildLogs);
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (String env : ENVIRONMENTS) {
            EnvironmentSpec size = app.environments().get(env);
            counts.put(serviceName(app, env), new int[] {size.desired(), size.min(), size.max()});
        }

        ResourceKey approvalTopic = addTopic(g, "approval", "approvals", topology.pipeline().approvalEmail());
        ResourceKey alarmsTopic = addTopic(g, "alarms", "alarms", topology.alarms().email());

        ResourceKey pipelineRole = g.add(key("iam/role", "codepipeline"), roles, new RoleSpec(regional("codepipeline"),
                "codepipeline.amazonaws.com", "codepipeline", PipelinePolicies.codePipeline(new PipelineGrants(region,
                        repositoryName, bucketName, p + "-build", clusterName(p),
                        ENVIRONMENTS.stream().map(e -> serviceName(app, e)).toList(),
                        List.of(regional("task-exec"), regional("task")), p + "-approval", List.of(scaleProjectName)))));
        List<ResourceKey> pipelineDeps = new ArrayList<>(List.of(pipelineRole, bucket, project, approvalTopic, repository,
                scaleProject));
        // A new pipeline starts a run at once: its deploy stages need the services to exist.
        pipelineDeps.addAll(services.values());
        ResourceKey pipeline = g.add(key("codepipeline/pipeline", "main"), new PipelineReconciler(),
                new DeliveryPipelineSpec(pipelineName(p), pipelineRole, bucket, repositoryName,
                        topology.pipeline().branch(), project, clusterName(p), serviceName(app, "staging"),
                        serviceName(app, "production"), approvalTopic,
                        "Staging in " + region + " is deployed: approve to deploy production.",
                        new DeliveryPipelineSpec.ScaleStep(scaleProjectName, counts)),
                pipelineDeps);

        PipelineEvents.addTo(g, p, pipelineName(p), pipeline, alarmsTopic);

        ResourceKey eventsRole = g.add(key("iam/role", "events"), roles, new RoleSpec(regional("events"),
                "events.amazonaws.com", "start-pipeline", PipelinePolicies.startPipeline(region, pipelineName(p))));
        g.add(key("events/rule", "push"), new RuleReconciler(), new RuleSpec(p + "-push-to-pipeline", repository,
                topology.pipeline().branch(), pipeline, eventsRole), repository, pipeline, eventsRole);
        return alarmsTopic;
    }

    private ResourceKey addTopic(RegionGraph g, String name, String purpose, String email) {
        ResourceKey topic = g.add(key("sns/topic", name), new TopicReconciler(),
                new TopicSpec(p + "-" + name, p + " " + purpose));
        g.add(key("sns/subscription", name + "-email"), new EmailSubscriptionReconciler(),
                new EmailSubscriptionSpec(topic, email), topic);
        return topic;
    }

    String appLogGroupName(String env) {
        return appLogGroupName(p, app, env);
    }

    public static String appLogGroupName(String project, AppSpec app, String env) {
        return "/" + project + "/" + app.name() + "/" + env;
    }

    /** IAM is global: a role per region keeps regions that run in parallel from racing on one role. */
    private String regional(String role) {
        return p + "-" + role + "-" + region;
    }

    private ResourceKey key(String type, String name) {
        return new ResourceKey(region, type, name);
    }
}

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
import io.devopscli.resources.naming.ResourceNames;
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
 * artifact bucket, CodeBuild, the pipeline with a deploy stage per environment, the push trigger, SNS
 * topics). Every environment of the topology gets its target group, listener rule (all but the last),
 * log group, task definition, service and autoscaling, in the topology's order.
 */
public final class DeliveryLayer {
    static final int LOG_RETENTION_DAYS = 30;
    static final int KEEP_IMAGES = 30;
    static final int NONCURRENT_ARTIFACT_DAYS = 30;
    static final int HEALTH_CHECK_GRACE_SECONDS = 60;

    private final Topology topology;
    private final String region;
    private final NetworkLayer.Outputs network;
    private final ResourceNames names;
    private final AppSpec app;
    /** The environments in deployment order; the last is served on the listener's default action. */
    private final List<String> environments;
    private final RoleReconciler roles = new RoleReconciler();
    private final LogGroupReconciler logGroups = new LogGroupReconciler();

    public DeliveryLayer(Topology topology, String region, NetworkLayer.Outputs network) {
        this.topology = topology;
        this.region = region;
        this.network = network;
        this.names = ResourceNames.of(topology);
        this.app = topology.app();
        this.environments = app.environmentNames();
    }

    /**
     * What later layers (monitoring) refer to; the maps are keyed by environment, in deployment order.
     */
    public record Outputs(ResourceKey loadBalancer, Map<String, ResourceKey> targetGroups,
                          Map<String, ResourceKey> services, Map<String, ResourceKey> appLogGroups,
                          ResourceKey alarmsTopic) {}

    public Outputs addTo(RegionGraph g) {
        LoadBalancing lb = addLoadBalancing(g);
        Map<String, ResourceKey> services = addContainers(g, lb);
        ResourceKey alarmsTopic = addDelivery(g, services);
        Map<String, ResourceKey> appLogGroups = new LinkedHashMap<>();
        environments.forEach(env -> appLogGroups.put(env, key("logs/log-group", "app-" + env)));
        return new Outputs(lb.loadBalancer(), lb.targetGroups(), services, appLogGroups, alarmsTopic);
    }

    /** The load balancer; per environment its target group, and the listener or rule that serves it. */
    private record LoadBalancing(ResourceKey loadBalancer, Map<String, ResourceKey> targetGroups,
                                 Map<String, ResourceKey> servedBy) {}

    private LoadBalancing addLoadBalancing(RegionGraph g) {
        List<ResourceKey> albDeps = new ArrayList<>(network.publicSubnets());
        albDeps.add(network.albSecurityGroup());
        ResourceKey alb = g.add(key("elbv2/load-balancer", "alb"), new LoadBalancerReconciler(),
                LoadBalancerSpec.internetFacing(names.loadBalancer(), network.publicSubnets(),
                        List.of(network.albSecurityGroup())), albDeps);
        Map<String, ResourceKey> targetGroups = new LinkedHashMap<>();
        TargetGroupReconciler tgs = new TargetGroupReconciler();
        for (String env : environments) {
            targetGroups.put(env, g.add(key("elbv2/target-group", env), tgs, TargetGroupSpec.forApp(
                    names.targetGroup(env), network.vpc(), app.port(), app.healthCheckPath()), network.vpc()));
        }
        ResourceKey listener = addListener(g, alb, targetGroups.get(app.lastEnvironment()));
        Map<String, ResourceKey> servedBy = addHostRules(g, listener, targetGroups);
        servedBy.put(app.lastEnvironment(), listener);
        return new LoadBalancing(alb, targetGroups, servedBy);
    }

    /** The environments served by a host rule: all but the last, which the listener's default action serves. */
    private List<String> ruled() {
        return environments.subList(0, environments.size() - 1);
    }

    /** The listener serving the last environment by default (HTTPS once its certificate is issued, if on). */
    private ResourceKey addListener(RegionGraph g, ResourceKey alb, ResourceKey lastTargetGroup) {
        ListenerReconciler listeners = new ListenerReconciler();
        if (!topology.failover().https()) {
            return g.add(key("elbv2/listener", "http"), listeners,
                    ListenerSpec.http(names.listener("http"), alb, lastTargetGroup), alb, lastTargetGroup);
        }
        // HTTPS: a certificate for the domain and each ruled environment's host, validated by records in the
        // zone; the HTTPS listener is made once it is issued, and port 80 only redirects to it
        String domain = topology.failover().domain();
        ResourceKey certificate = g.add(key("acm/certificate", "app"), new CertificateReconciler(),
                new CertificateSpec(names.certificate(), domain,
                        ruled().stream().map(env -> ResourceNames.environmentHost(env, domain)).toList()));
        ResourceKey issued = g.add(key("route53/certificate-validation", "app"), new CertificateValidationReconciler(),
                new CertificateValidationSpec(certificate, topology.failover().hostedZone()), certificate);
        g.add(key("elbv2/listener", "http"), listeners, ListenerSpec.redirectToHttps(names.listener("http"), alb), alb);
        return g.add(key("elbv2/listener", "https"), listeners,
                ListenerSpec.https(names.listener("https"), alb, lastTargetGroup, issued), alb, lastTargetGroup, issued);
    }

    /**
     * A rule on host "<env>.<domain>" per ruled environment, priorities 10, 20, ... in order. Added last to
     * first, each after the one behind it: an environment put in front moves the others' priorities up
     * before its own rule takes the lowest (a listener refuses two rules at one priority).
     */
    private Map<String, ResourceKey> addHostRules(RegionGraph g, ResourceKey listener,
                                                  Map<String, ResourceKey> targetGroups) {
        String domain = topology.failover().domain();
        List<String> ruled = ruled();
        Map<String, ResourceKey> rules = new LinkedHashMap<>();
        ListenerRuleReconciler reconciler = new ListenerRuleReconciler();
        ResourceKey behind = null;
        for (int i = ruled.size() - 1; i >= 0; i--) {
            String env = ruled.get(i);
            List<ResourceKey> deps = new ArrayList<>(List.of(listener, targetGroups.get(env)));
            if (behind != null) {
                deps.add(behind);
            }
            behind = g.add(key("elbv2/listener-rule", env), reconciler, new ListenerRuleSpec(names.listenerRule(env),
                    listener, ListenerRuleSpec.priorityOf(i), ResourceNames.environmentHost(env, domain),
                    targetGroups.get(env)), deps);
            rules.put(env, behind);
        }
        return rules;
    }

    private Map<String, ResourceKey> addContainers(RegionGraph g, LoadBalancing lb) {
        String repositoryName = names.imageRepository();
        ResourceKey ecr = g.add(key("ecr/repository", "app"), new RepositoryReconciler(),
                RepositorySpec.secure(repositoryName, KEEP_IMAGES));
        ResourceKey cluster = g.add(key("ecs/cluster", "main"), new ClusterReconciler(),
                ClusterSpec.withInsights(names.cluster()));

        Map<String, ResourceKey> appLogs = new LinkedHashMap<>();
        for (String env : environments) {
            appLogs.put(env, g.add(key("logs/log-group", "app-" + env), logGroups,
                    new LogGroupSpec(names.appLogGroup(env), LOG_RETENTION_DAYS)));
        }
        ResourceKey executionRole = g.add(key("iam/role", "task-execution"), roles, new RoleSpec(
                names.regionalRole("task-exec", region), ContainerPolicies.ECS_TASKS, "task-execution",
                ContainerPolicies.taskExecution(region, repositoryName,
                        environments.stream().map(names::appLogGroup).toList(), app.secrets())));
        // the app's secrets must exist in this region before a task definition names them
        ResourceKey secrets = app.secrets().isEmpty() ? null : g.add(key("secrets/app-secrets", "app"),
                new AppSecretsReconciler(), new AppSecretsSpec(app.secrets()));
        ResourceKey taskRole = g.add(key("iam/role", "task"), roles, new RoleSpec(
                names.regionalRole("task", region), ContainerPolicies.ECS_TASKS, "task",
                ContainerPolicies.task(names.project())));

        Map<String, ResourceKey> services = new LinkedHashMap<>();
        TaskDefinitionReconciler taskDefinitions = new TaskDefinitionReconciler();
        ServiceReconciler serviceReconciler = new ServiceReconciler();
        for (String env : environments) {
            ResourceKey taskDefinition = g.add(key("ecs/task-definition", env), taskDefinitions,
                    new TaskDefinitionSpec(names.taskFamily(env), String.valueOf(app.cpu()),
                            String.valueOf(app.memory()), app.name(), app.port(),
                            TaskDefinitionSpec.appEnvironment(app.name(), env, region, app.healthCheckPath(), app.port()),
                            ecr, FirstImage.BOOTSTRAP_TAG, appLogs.get(env), env, executionRole, taskRole, secrets),
                    secrets == null ? List.of(ecr, appLogs.get(env), executionRole, taskRole)
                            : List.of(ecr, appLogs.get(env), executionRole, taskRole, secrets));
            EnvironmentSpec size = app.environments().get(env);
            ServiceSpec serviceSpec = new ServiceSpec(names.service(env), cluster, taskDefinition, app.name(),
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
        String name = names.scaling(env);
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
        String p = names.project();
        String repositoryName = topology.pipeline().repository();
        ResourceKey repository = g.add(key("codecommit/repository", "repo"),
                new io.devopscli.resources.codecommit.RepositoryReconciler(),
                new io.devopscli.resources.codecommit.RepositorySpec(repositoryName,
                        "Source of " + p + ", built and deployed by its pipeline"));
        ArtifactBucketSpec bucketSpec = new ArtifactBucketSpec(names.artifactBucket(), NONCURRENT_ARTIFACT_DAYS);
        ResourceKey bucket = g.add(key("s3/bucket", "artifacts"), new ArtifactBucketReconciler(), bucketSpec);
        // The bucket's name holds the account id: the build and pipeline policies name the bucket exactly.
        String bucketName = ArtifactBucketReconciler.bucketName(bucketSpec, ctx);

        String buildLogGroup = names.buildLogGroup();
        ResourceKey buildLogs = g.add(key("logs/log-group", "codebuild"), logGroups,
                new LogGroupSpec(buildLogGroup, LOG_RETENTION_DAYS));
        String imageRepository = names.imageRepository();
        ResourceKey buildRole = g.add(key("iam/role", "codebuild"), roles, new RoleSpec(names.regionalRole("codebuild", region),
                "codebuild.amazonaws.com", "codebuild",
                BuildPolicies.codeBuild(region, buildLogGroup, bucketName, imageRepository)));
        ResourceKey project = g.add(key("codebuild/project", "build"), new ProjectReconciler(), new ProjectSpec(
                names.buildProject(), "buildspec.yml", "aws/codebuild/standard:7.0", "BUILD_GENERAL1_SMALL", true,
                Map.of("IMAGE_REPO_NAME", imageRepository, "CONTAINER_NAME", app.name()), buildRole, buildLogs),
                buildRole, buildLogs);

        // the Scale action after each deploy: the topology's counts once a service has its first image
        String scaleProjectName = names.scaleProject();
        List<String> serviceNames = environments.stream().map(names::service).toList();
        ResourceKey scaleRole = g.add(key("iam/role", "scale"), roles, new RoleSpec(names.regionalRole("scale", region),
                "codebuild.amazonaws.com", "scale-to-topology", BuildPolicies.scaleToTopology(region, buildLogGroup,
                names.cluster(), serviceNames)));
        ResourceKey scaleProject = g.add(key("codebuild/project", "scale"), new ProjectReconciler(), new ProjectSpec(
                scaleProjectName, ScaleBuildspec.YAML, "aws/codebuild/standard:7.0", "BUILD_GENERAL1_SMALL", false,
                Map.of(), scaleRole, buildLogs), scaleRole, buildLogs);
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (String env : environments) {
            EnvironmentSpec size = app.environments().get(env);
            counts.put(names.service(env), new int[] {size.desired(), size.min(), size.max()});
        }

        ResourceKey approvalTopic = addTopic(g, "approval", "approvals", topology.pipeline().approvalEmail());
        ResourceKey alarmsTopic = addTopic(g, "alarms", "alarms", topology.alarms().email());

        ResourceKey pipelineRole = g.add(key("iam/role", "codepipeline"), roles, new RoleSpec(
                names.regionalRole("codepipeline", region), "codepipeline.amazonaws.com", "codepipeline",
                PipelinePolicies.codePipeline(new PipelineGrants(region, repositoryName, bucketName, names.buildProject(),
                        names.cluster(), serviceNames,
                        List.of(names.regionalRole("task-exec", region), names.regionalRole("task", region)),
                        names.approvalTopic(), List.of(scaleProjectName)))));
        List<ResourceKey> pipelineDeps = new ArrayList<>(List.of(pipelineRole, bucket, project, approvalTopic, repository,
                scaleProject));
        // A new pipeline starts a run at once: its deploy stages need the services to exist.
        pipelineDeps.addAll(services.values());
        ResourceKey pipeline = g.add(key("codepipeline/pipeline", "main"), new PipelineReconciler(),
                new DeliveryPipelineSpec(names.pipeline(), pipelineRole, bucket, repositoryName,
                        topology.pipeline().branch(), project, names.cluster(),
                        environments.stream().map(env -> new DeliveryPipelineSpec.Deployment(env, names.service(env)))
                                .toList(),
                        approvalTopic, approvalMessage(),
                        new DeliveryPipelineSpec.ScaleStep(scaleProjectName, counts)),
                pipelineDeps);

        PipelineEvents.addTo(g, names, pipeline, alarmsTopic);

        ResourceKey eventsRole = g.add(key("iam/role", "events"), roles, new RoleSpec(names.regionalRole("events", region),
                "events.amazonaws.com", "start-pipeline", PipelinePolicies.startPipeline(region, names.pipeline())));
        g.add(key("events/rule", "push"), new RuleReconciler(), new RuleSpec(names.pushRule(), repository,
                topology.pipeline().branch(), pipeline, eventsRole), repository, pipeline, eventsRole);
        return alarmsTopic;
    }

    /** "Staging in us-east-1 is deployed: approve to deploy production." (the environments before the last) */
    private String approvalMessage() {
        List<String> before = ruled();
        String deployed = before.isEmpty() ? "The build in " + region + " is ready"
                : capitalized(String.join(" and ", before)) + " in " + region + (before.size() == 1 ? " is" : " are")
                + " deployed";
        return deployed + ": approve to deploy " + app.lastEnvironment() + ".";
    }

    private static String capitalized(String text) {
        return text.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + text.substring(1);
    }

    private ResourceKey addTopic(RegionGraph g, String name, String purpose, String email) {
        ResourceKey topic = g.add(key("sns/topic", name), new TopicReconciler(),
                new TopicSpec(names.topic(name), names.project() + " " + purpose));
        g.add(key("sns/subscription", name + "-email"), new EmailSubscriptionReconciler(),
                new EmailSubscriptionSpec(topic, email), topic);
        return topic;
    }

    private ResourceKey key(String type, String name) {
        return new ResourceKey(region, type, name);
    }
}

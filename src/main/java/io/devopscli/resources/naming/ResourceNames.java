package io.devopscli.resources.naming;

import io.devopscli.topology.Topology;

/**
 * The one place resource names are made: every layer that adds a node and every command that looks a
 * resource up by name (status, push, failover, the live checks) asks here, so a name never drifts apart
 * between the place that creates a resource and the places that find it. Names start with the project,
 * which the batched describes and the ownership checks rely on; per-environment names end with the
 * environment ("acme-production", "app-staging").
 */
public final class ResourceNames {
    private final String p;
    private final String app;

    /**
     * @param project the topology's project: the prefix of every name
     * @param appName the app's name: its ECS services, image repository and log groups carry it
     */
    public ResourceNames(String project, String appName) {
        this.p = project;
        this.app = appName;
    }

    public static ResourceNames of(Topology topology) {
        return new ResourceNames(topology.project(), topology.app().name());
    }

    public String project() {
        return p;
    }

    // --- network

    public String vpc() {
        return p + "-vpc";
    }

    public String internetGateway() {
        return p + "-igw";
    }

    public String publicSubnet(String az) {
        return p + "-public-" + az;
    }

    public String privateSubnet(String az) {
        return p + "-private-" + az;
    }

    public String publicRouteTable() {
        return p + "-public-rt";
    }

    public String privateRouteTable(String az) {
        return p + "-private-rt-" + az;
    }

    public String natElasticIp(String az) {
        return p + "-nat-eip-" + az;
    }

    public String natGateway(String az) {
        return p + "-nat-" + az;
    }

    public String loadBalancerSecurityGroup() {
        return p + "-alb-sg";
    }

    public String serviceSecurityGroup() {
        return p + "-service-sg";
    }

    public String flowLogGroup() {
        return "/" + p + "/vpc-flow-logs";
    }

    public String flowLog() {
        return p + "-vpc-flow-log";
    }

    // --- load balancing

    public String loadBalancer() {
        return p + "-alb";
    }

    /** The full name (Name tag); the AWS name is ElbNames.fit of it. */
    public String targetGroup(String environment) {
        return p + "-" + environment;
    }

    public String listener(String protocol) {
        return p + "-" + protocol;
    }

    public String listenerRule(String environment) {
        return p + "-" + environment;
    }

    public String certificate() {
        return p + "-app";
    }

    /** The host name an environment other than the last is served on: "staging.app.example.com". */
    public static String environmentHost(String environment, String domain) {
        return environment + "." + domain;
    }

    // --- containers

    /** The ECR repository the build pushes to. */
    public String imageRepository() {
        return p + "-" + app;
    }

    public String cluster() {
        return p + "-cluster";
    }

    public String service(String environment) {
        return app + "-" + environment;
    }

    public String taskFamily(String environment) {
        return p + "-" + app + "-" + environment;
    }

    /** The scalable target's name; its policies add "-cpu" and "-memory". */
    public String scaling(String environment) {
        return p + "-" + app + "-" + environment;
    }

    public String appLogGroup(String environment) {
        return "/" + p + "/" + app + "/" + environment;
    }

    // --- delivery

    public String artifactBucket() {
        return p + "-artifacts";
    }

    public String buildLogGroup() {
        return "/" + p + "/codebuild";
    }

    public String buildProject() {
        return p + "-build";
    }

    public String scaleProject() {
        return p + "-scale";
    }

    public String pipeline() {
        return p + "-pipeline";
    }

    public String pushRule() {
        return p + "-push-to-pipeline";
    }

    /** "approval" or "alarms". */
    public String topic(String purpose) {
        return p + "-" + purpose;
    }

    public String approvalTopic() {
        return topic("approval");
    }

    public String alarmsTopic() {
        return topic("alarms");
    }

    public String pipelineEventsLogGroup() {
        return "/aws/events/" + p + "/pipeline";
    }

    public String pipelineEventsPolicy() {
        return p + "-pipeline-events-to-logs";
    }

    public String pipelineEventsRule() {
        return p + "-pipeline-events";
    }

    public String pipelineFailedRule() {
        return p + "-pipeline-failed";
    }

    /** IAM is global: a role per region keeps regions that run in parallel from racing on one role. */
    public String regionalRole(String role, String region) {
        return p + "-" + role + "-" + region;
    }

    // --- monitoring

    public String dashboard(String region) {
        return p + "-" + region;
    }

    /** Alarm names are "<project>-<key>": the project prefix is what the batched describe lists. */
    public String alarm(String key) {
        return alarmPrefix(p) + key;
    }

    /** What every alarm name of the project starts with. */
    public static String alarmPrefix(String project) {
        return project + "-";
    }

    /** The namespace of the app's own metrics (from its log metric filters). */
    public String appNamespace() {
        return p + "/App";
    }

    public static String appErrorMetric(String environment) {
        return environment + "-server-errors";
    }

    public String appErrorFilter(String environment) {
        return p + "-" + environment + "-server-errors";
    }

    // --- replication

    public String replicationFunction() {
        return p + "-replication";
    }

    public String replicationLogGroup() {
        return "/aws/lambda/" + replicationFunction();
    }

    public String replicationQueue() {
        return p + "-replication-dlq";
    }

    public String replicationRule() {
        return p + "-replication";
    }

    /** The Lambda permission's statement id for the replication rule. */
    public String replicationInvokeStatement() {
        return "events-" + replicationRule();
    }
}

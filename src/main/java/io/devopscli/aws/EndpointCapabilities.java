package io.devopscli.aws;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the endpoint of a session cannot do, decided once from its ClientSettings. Real AWS lacks nothing.
 * An endpoint override is taken for the emulator the project tests on (moto server 5.2.5, the only one
 * `make test` and `make demo` start), whose gaps are listed in {@link Gap}. Everything that behaves
 * differently behind an emulator asks here for the one gap it works around, by name; nothing else in the
 * code asks whether an endpoint override is set.
 */
public final class EndpointCapabilities {

    /** What an endpoint may lack compared with AWS, each with why it matters here. */
    public enum Gap {
        /**
         * moto's CodeCommit keeps repository metadata only: no git behind the clone URLs, which name real AWS
         * hosts that a run against an emulator must never contact. Replication needs --git-url there.
         */
        GIT_OVER_HTTPS,
        /** moto's CodePipeline never runs a pipeline and lacks GetPipelineState: no executions to follow. */
        PIPELINE_EXECUTIONS,
        /**
         * moto runs no ECS tasks: a service's runningCount is the server's MOTO_ECS_SERVICE_RUNNING (a
         * constant, 0 by default), so a rollout wait could never end and nothing registers as a target.
         */
        RUNNING_TASKS,
        /** moto's load balancer DNS names look like AWS's but resolve nowhere: probing them means nothing. */
        REAL_DNS_NAMES,
        /**
         * moto 5.2.5 rejects a CODEPIPELINE source or artifacts of a CodeBuild project without a non-empty
         * location ("Project source location is required"). AWS says a location should not be given for this
         * type (and ignores one), so a placeholder is sent only where this gap is.
         */
        CODEBUILD_PIPELINE_SOURCE_WITHOUT_LOCATION,
        /**
         * moto 5.2.5 appends on PutMetricFilter where AWS replaces the filter of that name: a second put would
         * leave two filters of one name, so there the filter is deleted before it is put again.
         */
        METRIC_FILTER_PUT_REPLACES,
        /** An emulator on 127.0.0.1 has no per-bucket DNS names: S3 is addressed path-style there. */
        VIRTUAL_HOSTED_S3,
        /**
         * moto answers CodeCommit and CodePipeline (JSON protocols) with ISO-8601 date-time strings where AWS
         * sends epoch seconds, which the SDK cannot read (see IsoTimestampFix).
         */
        EPOCH_TIMESTAMPS,
        /**
         * moto answers an action it does not implement with an HTML 500 page, which the SDK would retry as a
         * server fault for minutes (see UnimplementedAction, which makes it a clear client error).
         */
        JSON_ERRORS,
        /**
         * AWS checks credentials; an emulator accepts any key, so a demo without exported credentials signs
         * with fixed test ones instead of failing to find any.
         */
        CREDENTIAL_CHECKS
    }

    /** Real AWS: nothing missing. */
    public static final EndpointCapabilities AWS = new EndpointCapabilities(EnumSet.noneOf(Gap.class));
    /** An endpoint override (--endpoint-url, AWS_ENDPOINT_URL): the emulator, with every gap above. */
    public static final EndpointCapabilities EMULATOR = new EndpointCapabilities(EnumSet.allOf(Gap.class));

    private final Set<Gap> gaps;

    private EndpointCapabilities(Set<Gap> gaps) {
        this.gaps = Set.copyOf(gaps);
    }

    /** Decided from the settings alone (no call): AWS without an endpoint override, the emulator with one. */
    public static EndpointCapabilities of(java.util.Optional<java.net.URI> endpointOverride) {
        return endpointOverride.isPresent() ? EMULATOR : AWS;
    }

    /** These capabilities with one gap more or less (tests flip one capability at a time). */
    public EndpointCapabilities with(Gap gap, boolean missing) {
        Set<Gap> changed = gaps.isEmpty() ? EnumSet.noneOf(Gap.class) : EnumSet.copyOf(gaps);
        if (missing) {
            changed.add(gap);
        } else {
            changed.remove(gap);
        }
        return new EndpointCapabilities(changed);
    }

    public boolean lacks(Gap gap) {
        return gaps.contains(gap);
    }

    /** CodeCommit's clone URLs serve git (and may be contacted). */
    public boolean gitOverHttps() {
        return !lacks(Gap.GIT_OVER_HTTPS);
    }

    /** CodePipeline runs pipelines and reports their state. */
    public boolean pipelineExecutions() {
        return !lacks(Gap.PIPELINE_EXECUTIONS);
    }

    /** ECS runs tasks: running counts move, rollouts finish, tasks register in target groups. */
    public boolean runsTasks() {
        return !lacks(Gap.RUNNING_TASKS);
    }

    /** Load balancers' DNS names resolve to them. */
    public boolean realDnsNames() {
        return !lacks(Gap.REAL_DNS_NAMES);
    }

    /** CodeBuild takes a CODEPIPELINE source and artifacts without a location, as AWS documents. */
    public boolean codeBuildPipelineSourceWithoutLocation() {
        return !lacks(Gap.CODEBUILD_PIPELINE_SOURCE_WITHOUT_LOCATION);
    }

    /** PutMetricFilter replaces the filter of that name. */
    public boolean metricFilterPutReplaces() {
        return !lacks(Gap.METRIC_FILTER_PUT_REPLACES);
    }

    /** S3 buckets have their own DNS names (virtual-hosted style); otherwise path-style addressing. */
    public boolean virtualHostedS3() {
        return !lacks(Gap.VIRTUAL_HOSTED_S3);
    }

    /** JSON-protocol services send epoch-second timestamps. */
    public boolean epochTimestamps() {
        return !lacks(Gap.EPOCH_TIMESTAMPS);
    }

    /** Every answer, to any action, is the service's own JSON (never an HTML error page). */
    public boolean jsonErrors() {
        return !lacks(Gap.JSON_ERRORS);
    }

    /** Requests must be signed with real credentials. */
    public boolean credentialChecks() {
        return !lacks(Gap.CREDENTIAL_CHECKS);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EndpointCapabilities other && other.gaps.equals(gaps);
    }

    @Override
    public int hashCode() {
        return gaps.hashCode();
    }

    @Override
    public String toString() {
        return gaps.isEmpty() ? "AWS (no gaps)" : "endpoint lacking " + gaps;
    }
}

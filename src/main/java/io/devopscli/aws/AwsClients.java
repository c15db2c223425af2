package io.devopscli.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The service clients of one region, built on first use and shared by every reconciler of that region.
 * Every client carries the endpoint override, standard retries and the call counter.
 */
public final class AwsClients implements AutoCloseable {
    private final String region;
    private final ClientSettings settings;
    private final Map<Class<?>, AutoCloseable> clients = new ConcurrentHashMap<>();
    private final Map<String, AwsClients> otherRegions = new ConcurrentHashMap<>();

    private final boolean retrying;
    private final java.util.concurrent.atomic.AtomicReference<AwsClients> once = new java.util.concurrent.atomic.AtomicReference<>();
    private final RunReads reads;

    public AwsClients(String region, ClientSettings settings) {
        this(region, settings, RunReads.ofOneClient());
    }

    /** @param reads shared by every region's clients of a run: STS and global reads once per run */
    public AwsClients(String region, ClientSettings settings, RunReads reads) {
        this(region, settings, true, reads);
    }

    private AwsClients(String region, ClientSettings settings, boolean retrying, RunReads reads) {
        this.region = region;
        this.settings = settings;
        this.retrying = retrying;
        this.reads = reads;
    }

    public String region() {
        return region;
    }

    public ClientSettings settings() {
        return settings;
    }

    /** What the run reads once for every region (see RunReads). */
    public RunReads runReads() {
        return reads;
    }

    /** The account id of the run's credentials: STS once per run. */
    public String accountId() {
        return reads.accountId(this);
    }

    /** What this session's endpoint cannot do (decided once, in ClientSettings). */
    public EndpointCapabilities capabilities() {
        return settings.capabilities();
    }

    public Ec2Client ec2() {
        return client(Ec2Client.class, () -> configure(Ec2Client.builder()).build());
    }

    /**
     * The same region's clients without the SDK's own retries, for creates that take no token: CreateOnce
     * looks for the resource by its tags before each retry instead, so a lost answer never makes a second.
     */
    public AwsClients once() {
        return retrying ? once.updateAndGet(o -> o != null ? o : new AwsClients(region, settings, false, reads)) : this;
    }

    public CloudWatchLogsClient logs() {
        return client(CloudWatchLogsClient.class, () -> configure(CloudWatchLogsClient.builder()).build());
    }

    /** IAM is global; its endpoint answers in us-east-1 (an endpoint override keeps IAM account-wide too). */
    public IamClient iam() {
        return client(IamClient.class, () -> configure(IamClient.builder()).region(Region.AWS_GLOBAL).build());
    }

    /** Route 53 is global like IAM: one endpoint whatever the region of these clients. */
    public Route53Client route53() {
        return client(Route53Client.class, () -> configure(Route53Client.builder()).region(Region.AWS_GLOBAL).build());
    }

    /**
     * The clients of another region with the same settings (and call counter), closed with these: for
     * the few global things, such as the failover records, that must read another region's resources.
     */
    public AwsClients inRegion(String other) {
        return other.equals(region) ? this : otherRegions.computeIfAbsent(other, r -> new AwsClients(r, settings, reads));
    }

    public StsClient sts() {
        return client(StsClient.class, () -> configure(StsClient.builder()).build());
    }

    /**
     * A separate STS client that tries once: the preflight must answer at once (the SDK's own retries
     * would resolve an unknown host three times), and a transient failure is left to the run's calls.
     * The caller closes it.
     */
    public StsClient singleAttemptSts() {
        software.amazon.awssdk.services.sts.StsClientBuilder builder = configure(StsClient.builder());
        return builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()
                .retryStrategy(software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry()).build()).build();
    }

    public EcrClient ecr() {
        return client(EcrClient.class, () -> configure(EcrClient.builder()).build());
    }

    public EcsClient ecs() {
        return client(EcsClient.class, () -> configure(EcsClient.builder()).build());
    }

    public ElasticLoadBalancingV2Client elbv2() {
        return client(ElasticLoadBalancingV2Client.class, () -> configure(ElasticLoadBalancingV2Client.builder()).build());
    }

    public ApplicationAutoScalingClient autoscaling() {
        return client(ApplicationAutoScalingClient.class, () -> configure(ApplicationAutoScalingClient.builder()).build());
    }

    /** A JSON service whose timestamps an endpoint may send as ISO-8601 strings (Gap.EPOCH_TIMESTAMPS). */
    public CodeCommitClient codecommit() {
        return client(CodeCommitClient.class, () -> withTimestampFix(configure(CodeCommitClient.builder())).build());
    }

    /** Path-style addressing where buckets have no DNS names of their own (Gap.VIRTUAL_HOSTED_S3). */
    public S3Client s3() {
        return client(S3Client.class, () -> configure(S3Client.builder())
                .forcePathStyle(!capabilities().virtualHostedS3()).build());
    }

    /** CodeBuild's timestamps read fine; only an endpoint's HTML answer to actions it lacks needs translating. */
    public CodeBuildClient codebuild() {
        return client(CodeBuildClient.class, () -> withJsonErrors(configure(CodeBuildClient.builder())).build());
    }

    /** A JSON service whose timestamps an endpoint may send as ISO-8601 strings (Gap.EPOCH_TIMESTAMPS). */
    public CodePipelineClient codepipeline() {
        return client(CodePipelineClient.class, () -> withTimestampFix(configure(CodePipelineClient.builder())).build());
    }

    public EventBridgeClient events() {
        return client(EventBridgeClient.class, () -> configure(EventBridgeClient.builder()).build());
    }

    public SnsClient sns() {
        return client(SnsClient.class, () -> configure(SnsClient.builder()).build());
    }

    public CloudWatchClient cloudwatch() {
        return client(CloudWatchClient.class, () -> configure(CloudWatchClient.builder()).build());
    }

    public LambdaClient lambda() {
        return client(LambdaClient.class, () -> configure(LambdaClient.builder()).build());
    }

    /** The Resource Groups Tagging API: one query for the tags of every resource of a type in the region. */
    public ResourceGroupsTaggingApiClient tagging() {
        return client(ResourceGroupsTaggingApiClient.class, () -> configure(ResourceGroupsTaggingApiClient.builder()).build());
    }

    /** ACM is a JSON service; its timestamps read fine as epoch numbers behind an endpoint override too. */
    public software.amazon.awssdk.services.acm.AcmClient acm() {
        return client(software.amazon.awssdk.services.acm.AcmClient.class,
                () -> withJsonErrors(configure(software.amazon.awssdk.services.acm.AcmClient.builder())).build());
    }

    public software.amazon.awssdk.services.ssm.SsmClient ssm() {
        return client(software.amazon.awssdk.services.ssm.SsmClient.class,
                () -> withJsonErrors(configure(software.amazon.awssdk.services.ssm.SsmClient.builder())).build());
    }

    public software.amazon.awssdk.services.secretsmanager.SecretsManagerClient secretsManager() {
        return client(software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.class,
                () -> withJsonErrors(configure(software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.builder())).build());
    }

    public SqsClient sqs() {
        return client(SqsClient.class, () -> configure(SqsClient.builder()).build());
    }

    @SuppressWarnings("unchecked")
    private <T extends AutoCloseable> T client(Class<T> type, Supplier<T> build) {
        return (T) clients.computeIfAbsent(type, t -> build.get());
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .addExecutionInterceptor(settings.counter())
                .addExecutionInterceptor(settings.calls().marker());
        settings.interceptors().forEach(override::addExecutionInterceptor);
        if (retrying) {
            override.retryStrategy(RetryMode.STANDARD);
        } else {
            override.retryStrategy(software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry());
        }
        builder.region(Region.of(region))
                .credentialsProvider(credentials())
                .overrideConfiguration(override.build());
        if (builder instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
            // one HTTP client for every service client and region (SharedHttpClient): never one each
            sync.httpClient(settings.http().get());
        }
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder;
    }

    /** Installs the timestamp fix only where the endpoint lacks epoch timestamps: real AWS sends them. */
    private <B extends AwsClientBuilder<B, ?>> B withTimestampFix(B builder) {
        if (!capabilities().epochTimestamps()) {
            builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()
                    .addExecutionInterceptor(new IsoTimestampFix()).build());
        }
        return withJsonErrors(builder);
    }

    /** For JSON-protocol clients only: see UnimplementedAction. Real AWS never answers HTML. */
    private <B extends AwsClientBuilder<B, ?>> B withJsonErrors(B builder) {
        if (!capabilities().jsonErrors()) {
            builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()
                    .addExecutionInterceptor(new UnimplementedAction()).build());
        }
        return builder;
    }

    /**
     * The credentials every client of the run signs with (git signing to CodeCommit uses them too): one
     * provider per run (RunReads), so the default chain (environment, profile files, SSO, instance
     * metadata) is resolved and refreshed once, not once per service client and region.
     */
    public AwsCredentialsProvider credentials() {
        return reads.credentials(this::newCredentialsProvider);
    }

    private AwsCredentialsProvider newCredentialsProvider() {
        if (settings.profile().isPresent()) {
            return ProfileCredentialsProvider.create(settings.profile().get());
        }
        if (!capabilities().credentialChecks() && System.getenv("AWS_ACCESS_KEY_ID") == null
                && System.getProperty("aws.accessKeyId") == null) {
            // The endpoint accepts any key; this saves demo users from exporting fake credentials.
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public void close() {
        if (once.get() != null) {
            once.get().close();
        }
        otherRegions.values().forEach(AwsClients::close);
        clients.values().forEach(c -> {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing is best effort at the end of a run
            }
        });
    }
}

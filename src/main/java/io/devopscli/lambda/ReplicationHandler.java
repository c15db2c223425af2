package io.devopscli.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devopscli.replication.Mirror;
import io.devopscli.replication.MirrorOptions;
import io.devopscli.replication.MirrorReport;
import io.devopscli.replication.RefResult;
import io.devopscli.replication.ReplicationException;
import io.devopscli.replication.RepositoryEndpoint;
import io.devopscli.replication.RepositoryEndpoints;
import io.devopscli.replication.SecondaryResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;

/**
 * The replication Lambda: for each "CodeCommit Repository State Change" reference event of the source
 * repository (the function's own region: every region has the function, and only the active region's
 * trigger is enabled, so code follows traffic), brings that one branch or tag on every other region to
 * what the source holds now (created,
 * fast-forwarded or deleted) with the same replication core as `devops-cli replicate`.
 *
 * <p>Lambda handler string: {@code io.devopscli.lambda.ReplicationHandler::handleRequest}. The stream
 * signature needs no Lambda library. Output and log line: a JSON summary. A secondary left unreached,
 * diverged or refused throws, so Lambda retries the event and then sends it to the dead-letter queue.
 *
 * <p>The git cache lives under /tmp and is reused by warm invocations, so a push fetches only new objects.
 * Lambda runs one invocation at a time per execution environment, which is what the cache needs.
 */
public final class ReplicationHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Reused by warm invocations of this execution environment. */
    private static final Map<String, CodeCommitClient> CLIENTS = new ConcurrentHashMap<>();

    private final ReplicationSettings settings;
    private final Function<String, CodeCommitClient> codecommit;
    private final AwsCredentialsProvider credentials;
    private final PrintStream log;

    /** What Lambda calls: settings from the environment, the function's role for AWS and git. */
    public ReplicationHandler() {
        this(ReplicationSettings.fromEnvironment(System.getenv()), ReplicationHandler::client,
                DefaultCredentialsProvider.builder().build(), System.out);
    }

    public ReplicationHandler(ReplicationSettings settings, Function<String, CodeCommitClient> codecommit,
                              AwsCredentialsProvider credentials, PrintStream log) {
        this.settings = settings;
        this.codecommit = codecommit;
        this.credentials = credentials;
        this.log = log;
    }

    /** One event in (EventBridge's JSON), the summary out. */
    public void handleRequest(InputStream input, OutputStream output) throws IOException {
        Summary summary = handle(JSON.readTree(input));
        JSON.writeValue(output, summary);
    }

    /** Mirrors the ref the event names; throws unless every secondary ends as asked. */
    public Summary handle(JsonNode event) {
        Optional<ReferenceEvent> parsed = ReferenceEvent.parse(event);
        if (parsed.isEmpty()) {
            return logged(Summary.ignored(null, "not a CodeCommit reference event: " + event.path("detail-type").asText()
                    + " / " + event.path("detail").path("event").asText()));
        }
        ReferenceEvent e = parsed.get();
        // The rule only sends the source repository's events; anything else was routed here by mistake
        // and retrying it would not help, so it is reported and dropped rather than thrown.
        if (!e.repositoryName().equals(settings.repositoryName()) || !e.region().equals(settings.sourceRegion())) {
            return logged(Summary.ignored(e, "repository " + e.repositoryName() + " in " + e.region()
                    + " is not the source (" + settings.repositoryName() + " in " + settings.sourceRegion() + ")"));
        }
        Optional<String> ref = e.ref();
        if (ref.isEmpty()) {
            return logged(Summary.ignored(e, "reference type " + e.referenceType() + " is not a branch or tag"));
        }
        MirrorReport report = mirror(ref.get());
        Summary summary = logged(new Summary("mirrored", null, e.kind().wire(), ref.get(), e.commitId(), report));
        if (!report.ok()) {
            throw new ReplicationException("replicating " + ref.get() + " (" + e.kind().wire() + " " + e.commitId()
                    + ") failed: " + failures(report));
        }
        return summary;
    }

    private MirrorReport mirror(String ref) {
        RepositoryEndpoints endpoints = new RepositoryEndpoints(codecommit, credentials, Clock.systemUTC(),
                settings.baseUrls());
        // The source must resolve: without it nothing can be mirrored (and a retry may well succeed).
        RepositoryEndpoint primary = endpoints.resolve(settings.sourceRegion(), settings.repositoryName());
        RepositoryEndpoints.Resolution secondaries = endpoints.resolveAll(settings.secondaryRegions(),
                settings.repositoryName());
        MirrorOptions options = MirrorOptions.defaults().withTimeout(settings.gitTimeout());
        try (Mirror mirror = Mirror.open(settings.cacheDir(), options)) {
            return mirror.mirrorRef(primary, secondaries.endpoints(), ref).withUnresolved(secondaries.failures());
        }
    }

    private Summary logged(Summary summary) {
        try {
            log.println(JSON.writeValueAsString(summary));
        } catch (IOException e) {
            log.println(summary);
        }
        return summary;
    }

    private static String failures(MirrorReport report) {
        return String.join("; ", report.secondaries().stream().filter(s -> !s.ok()).map(ReplicationHandler::failure)
                .toList());
    }

    private static String failure(SecondaryResult s) {
        if (!s.reachable()) {
            return s.region() + ": " + s.error();
        }
        return s.region() + ": " + String.join(", ", s.refs().stream().filter(r -> !r.outcome().ok())
                .map(r -> r.ref() + " " + r.outcome() + (r.detail().isEmpty() ? "" : " (" + r.detail() + ")")).toList());
    }

    private static CodeCommitClient client(String region) {
        return CLIENTS.computeIfAbsent(region, r -> CodeCommitClient.builder().region(Region.of(r))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build());
    }

    /**
     * What one invocation did. status: mirrored or ignored (with why); event and ref: what changed;
     * commitId: what the event said the ref points to (the primary's current id is what was mirrored).
     */
    public record Summary(String status, String reason, String event, String ref, String commitId, MirrorReport report) {
        static Summary ignored(ReferenceEvent e, String reason) {
            return new Summary("ignored", reason, e == null ? null : e.kind().wire(),
                    e == null ? null : e.ref().orElse(e.referenceName()), e == null ? null : e.commitId(), null);
        }

        /** The refs each secondary got, for tests and logs. */
        public List<RefResult> refs(String region) {
            return report.secondaries().stream().filter(s -> s.region().equals(region)).findFirst()
                    .map(SecondaryResult::refs).orElse(List.of());
        }
    }
}

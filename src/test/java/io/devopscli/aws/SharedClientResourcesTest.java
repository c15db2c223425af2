package io.devopscli.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.devopscli.testing.LoopbackEndpoint;
import io.devopscli.testing.LoopbackEndpoint.Answer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * What every service client of a run shares instead of making its own: the HTTP client (one per client
 * built an SSLContext from the JDK's trust store, a tenth of a converged run's CPU) and the credentials
 * provider (one default chain resolved per run, not per client and region). A loopback endpoint answers
 * "access denied" to every call, in each protocol's shape; a recording HTTP client shows which calls went
 * through it.
 */
class SharedClientResourcesTest {

    @Test
    void everyServiceClientOfEveryRegionSendsThroughTheSessionsOneHttpClient() {
        try (LoopbackEndpoint endpoint = new LoopbackEndpoint(SharedClientResourcesTest::accessDenied)) {
            Recording http = new Recording(SharedHttpClient.get());
            ClientSettings settings = ClientSettings.resolve(endpoint.url().toString(), null).withHttpClient(http);
            RunReads reads = RunReads.shared();
            List<Consumer<AwsClients>> calls = List.of(
                    c -> c.ec2().describeVpcs(), // EC2 query protocol
                    c -> c.sns().listTopics(), // AWS query protocol
                    c -> c.logs().describeLogGroups(), // JSON protocol
                    c -> c.s3().listBuckets(), // REST-XML
                    c -> c.route53().listHostedZones(), // global, REST-XML
                    c -> c.iam().listRoles(), // global, query
                    c -> c.codecommit().listRepositories(), // JSON with the timestamp fix installed
                    c -> c.once().ecs().listClusters(), // the clients without SDK retries
                    c -> c.inRegion("ap-southeast-2").sqs().listQueues()); // another region's, for global layers
            try (AwsClients east = new AwsClients("us-east-1", settings, reads);
                 AwsClients west = new AwsClients("eu-west-1", settings, reads)) {
                for (AwsClients region : List.of(east, west)) {
                    for (Consumer<AwsClients> call : calls) {
                        assertThrows(SdkException.class, () -> call.accept(region));
                    }
                }
                try (StsClient preflight = east.singleAttemptSts()) {
                    assertThrows(SdkException.class, preflight::getCallerIdentity);
                }
            }
            int expected = 2 * calls.size() + 1;
            assertEquals(expected, endpoint.requests().size(), "one request per call (none retried: 403 is final)");
            assertEquals(expected, http.sent.get(), "every request went through the session's HTTP client");
        }
    }

    @Test
    void theDefaultHttpClientIsOneForTheProcess() {
        ClientSettings one = ClientSettings.resolve("http://127.0.0.1:9", null);
        ClientSettings other = ClientSettings.resolve("http://127.0.0.1:10", "a-profile");
        assertSame(one.http().get(), other.http().get());
        assertSame(one.http().get(), one.withCapabilities(EndpointCapabilities.of(java.util.Optional.empty())).http().get());
    }

    @Test
    void oneCredentialsProviderSignsEveryRegionOfARun() {
        ClientSettings settings = ClientSettings.resolve("http://127.0.0.1:9", null);
        RunReads reads = RunReads.shared();
        try (AwsClients east = new AwsClients("us-east-1", settings, reads);
             AwsClients west = new AwsClients("eu-west-1", settings, reads);
             AwsClients alone = new AwsClients("us-east-1", settings)) {
            assertSame(east.credentials(), west.credentials());
            assertSame(east.credentials(), east.once().credentials());
            assertSame(east.credentials(), east.inRegion("eu-central-1").credentials());
            assertNotSame(east.credentials(), alone.credentials(), "clients of their own share nothing with a run");
            assertSame(alone.credentials(), alone.credentials());
        }
    }

    private static Answer accessDenied(LoopbackEndpoint.Request request) {
        boolean json = request.operation().equals("ListRepositories") || request.operation().equals("DescribeLogGroups")
                || request.operation().equals("ListClusters");
        return json ? new Answer(403, "application/x-amz-json-1.1",
                "{\"__type\":\"AccessDeniedException\",\"message\":\"test\"}")
                : new Answer(403, "text/xml",
                "<ErrorResponse><Error><Code>AccessDenied</Code><Message>test</Message></Error></ErrorResponse>");
    }

    /** Sends through the real client and counts what it was given. */
    private static final class Recording implements SdkHttpClient {
        private final SdkHttpClient delegate;
        private final AtomicInteger sent = new AtomicInteger();

        Recording(SdkHttpClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            sent.incrementAndGet();
            return delegate.prepareRequest(request);
        }

        @Override
        public String clientName() {
            return delegate.clientName();
        }

        @Override
        public void close() {
            // the shared client is never closed (SharedHttpClient)
        }
    }
}

package io.devopscli.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.EndpointCapabilities.Gap;
import io.devopscli.testing.LoopbackEndpoint;
import io.devopscli.testing.LoopbackEndpoint.Answer;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The endpoint's capabilities are decided once from ClientSettings (AWS lacks nothing, an endpoint override
 * lacks every gap the emulator has), and each client built from them behaves by its gap: these fail if
 * AwsClients ignores a gap or reads it inverted. A scripted loopback endpoint plays the answers.
 */
class EndpointCapabilitiesTest {
    private static final List<Predicate<EndpointCapabilities>> ALL = List.of(EndpointCapabilities::gitOverHttps,
            EndpointCapabilities::pipelineExecutions, EndpointCapabilities::runsTasks, EndpointCapabilities::realDnsNames,
            EndpointCapabilities::codeBuildPipelineSourceWithoutLocation, EndpointCapabilities::metricFilterPutReplaces,
            EndpointCapabilities::virtualHostedS3, EndpointCapabilities::epochTimestamps, EndpointCapabilities::jsonErrors,
            EndpointCapabilities::credentialChecks);

    @Test
    void anAwsSessionLacksNothing() {
        ClientSettings aws = new ClientSettings(Optional.empty(), Optional.empty(), new CallCounter());
        assertEquals(EndpointCapabilities.AWS, aws.capabilities());
        ALL.forEach(capability -> assertTrue(capability.test(aws.capabilities())));
        assertEquals(Gap.values().length, ALL.size(), "every gap has its named capability here");
    }

    @Test
    void anEndpointOverrideLacksWhatTheEmulatorLacks() {
        ClientSettings emulator = ClientSettings.resolve("http://127.0.0.1:4566", null);
        assertEquals(EndpointCapabilities.EMULATOR, emulator.capabilities());
        ALL.forEach(capability -> assertFalse(capability.test(emulator.capabilities())));
        for (Gap gap : Gap.values()) {
            assertTrue(emulator.capabilities().lacks(gap), gap.name());
        }
    }

    @Test
    void oneGapFlipsOneCapability() {
        EndpointCapabilities withoutGit = EndpointCapabilities.AWS.with(Gap.GIT_OVER_HTTPS, true);
        assertFalse(withoutGit.gitOverHttps());
        assertTrue(withoutGit.pipelineExecutions());
        assertEquals(EndpointCapabilities.AWS, withoutGit.with(Gap.GIT_OVER_HTTPS, false));
    }

    /** Where buckets have no DNS names of their own S3 goes path-style; elsewhere virtual-hosted. */
    @Test
    void s3AddressingFollowsTheVirtualHostedGap() {
        assertEquals("/bucket-x/key", s3Request(EndpointCapabilities.EMULATOR).path());
        assertEquals("bucket-x.localhost", s3Request(EndpointCapabilities.EMULATOR.with(Gap.VIRTUAL_HOSTED_S3, false)).host());
        assertEquals("localhost", s3Request(EndpointCapabilities.EMULATOR).host());
    }

    private record Sent(String host, String path) {}

    private static Sent s3Request(EndpointCapabilities capabilities) {
        java.util.concurrent.atomic.AtomicReference<Sent> sent = new java.util.concurrent.atomic.AtomicReference<>();
        ExecutionInterceptor capture = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                sent.compareAndSet(null, new Sent(context.httpRequest().host(), context.httpRequest().encodedPath()));
                throw new IllegalStateException("captured, not sent");
            }
        };
        ClientSettings settings = ClientSettings.resolve("http://localhost:9", null).withCapabilities(capabilities)
                .withInterceptor(capture); // a host name: the SDK never puts a bucket in front of an IP address
        try (AwsClients clients = new AwsClients("us-east-1", settings)) {
            assertThrows(RuntimeException.class, () -> clients.once().s3().getObject(r -> r.bucket("bucket-x").key("key")));
        }
        return sent.get();
    }

    /** moto's ISO-8601 timestamps are rewritten only where the endpoint lacks epoch timestamps. */
    @Test
    void theTimestampFixIsInstalledOnlyWhereTheEndpointNeedsIt() {
        try (LoopbackEndpoint endpoint = new LoopbackEndpoint(r -> Answer.json(
                "{\"repositoryMetadata\":{\"repositoryName\":\"repo\",\"creationDate\":\"2024-03-15T12:34:56.000Z\"}}"))) {
            try (AwsClients clients = clients(endpoint.url(), EndpointCapabilities.EMULATOR)) {
                assertEquals(Instant.parse("2024-03-15T12:34:56Z"), clients.once().codecommit()
                        .getRepository(r -> r.repositoryName("repo")).repositoryMetadata().creationDate());
            }
            try (AwsClients clients = clients(endpoint.url(), EndpointCapabilities.EMULATOR.with(Gap.EPOCH_TIMESTAMPS, false))) {
                SdkException e = assertThrows(SdkException.class,
                        () -> clients.once().codecommit().getRepository(r -> r.repositoryName("repo")));
                assertTrue(String.valueOf(e.getMessage()).contains("timestamp"), e.getMessage());
            }
        }
    }

    /** An HTML 500 becomes a clear, final NotImplementedByEndpoint only where the endpoint answers HTML. */
    @Test
    void htmlErrorPagesAreTranslatedOnlyWhereTheEndpointSendsThem() {
        try (LoopbackEndpoint endpoint = new LoopbackEndpoint(r -> new Answer(500, "text/html; charset=utf-8",
                "<html><body>500 Internal Server Error</body></html>"))) {
            try (AwsClients clients = clients(endpoint.url(), EndpointCapabilities.EMULATOR)) {
                SdkException e = assertThrows(SdkException.class,
                        () -> clients.once().codebuild().listProjects(r -> { }));
                assertEquals(UnimplementedAction.CODE, AwsErrors.code(e));
                assertEquals(AwsErrors.Kind.TERMINAL, AwsErrors.classify(e));
            }
            try (AwsClients clients = clients(endpoint.url(), EndpointCapabilities.EMULATOR.with(Gap.JSON_ERRORS, false))) {
                SdkException e = assertThrows(SdkException.class,
                        () -> clients.once().codebuild().listProjects(r -> { }));
                assertEquals(AwsErrors.Kind.RETRYABLE, AwsErrors.classify(e), "a server fault, as AWS's would be");
            }
        }
    }

    @Test
    void fixedTestCredentialsOnlyWhereTheEndpointChecksNone() {
        boolean exported = System.getenv("AWS_ACCESS_KEY_ID") != null || System.getProperty("aws.accessKeyId") != null;
        try (AwsClients clients = clients(URI.create("http://127.0.0.1:9"), EndpointCapabilities.EMULATOR)) {
            if (exported) {
                assertInstanceOf(DefaultCredentialsProvider.class, clients.credentials(), "exported ones win");
            } else {
                assertEquals("testing", clients.credentials().resolveCredentials().accessKeyId());
            }
        }
        try (AwsClients clients = clients(URI.create("http://127.0.0.1:9"),
                EndpointCapabilities.EMULATOR.with(Gap.CREDENTIAL_CHECKS, false))) {
            assertInstanceOf(DefaultCredentialsProvider.class, clients.credentials());
        }
    }

    private static AwsClients clients(URI endpoint, EndpointCapabilities capabilities) {
        return new AwsClients("us-east-1", ClientSettings.resolve(endpoint.toString(), null).withCapabilities(capabilities));
    }
}

package io.devopscli.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.AwsClients;
import io.devopscli.aws.EndpointCapabilities;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import io.devopscli.testing.RetryBounds;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The clone URL comes from CodeCommit's GetRepository (moto); overrides bypass it. */
@EmulatorTest
@RetryBounds(boundMillis = 5000, firstDelayMillis = 50)
class RepositoryEndpointsEmulatorTest {
    private final Map<String, AwsClients> clients = new HashMap<>();

    @BeforeEach
    void reset() {
        Emulator.reset();
    }

    @AfterEach
    void close() {
        clients.values().forEach(AwsClients::close);
    }

    private RepositoryEndpoints endpoints(Map<String, URI> overrides) {
        return new RepositoryEndpoints(region -> clients.computeIfAbsent(region, Emulator::clients).codecommit(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
                Clock.fixed(Instant.parse("2024-03-15T12:34:56Z"), ZoneOffset.UTC), overrides);
    }

    @Test
    void theCloneUrlComesFromGetRepositoryAndIsSigned() {
        String url = clients.computeIfAbsent("us-east-2", Emulator::clients).codecommit()
                .createRepository(r -> r.repositoryName("app-repo")).repositoryMetadata().cloneUrlHttp();

        RepositoryEndpoint endpoint = endpoints(Map.of()).resolve("us-east-2", "app-repo");

        assertEquals(URI.create(url), endpoint.url());
        assertEquals("https://git-codecommit.us-east-2.amazonaws.com/v1/repos/app-repo", url);
        assertInstanceOf(CodeCommitGitCredentials.class, endpoint.credentials());
        GitLogin login = endpoint.credentials().loginFor(endpoint.url()).orElseThrow();
        assertEquals("AKIDEXAMPLE", login.user());
        assertEquals(CodeCommitGitCredentials.password("secret", "us-east-2", "git-codecommit.us-east-2.amazonaws.com",
                "/v1/repos/app-repo", Instant.parse("2024-03-15T12:34:56Z")), login.password());
    }

    @Test
    void againstAnEmulatorTheRealAwsCloneUrlIsNeverUsed() {
        clients.computeIfAbsent("us-east-2", Emulator::clients).codecommit()
                .createRepository(r -> r.repositoryName("app-repo"));
        RepositoryEndpoints emulated = new RepositoryEndpoints(
                region -> clients.computeIfAbsent(region, Emulator::clients).codecommit(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
                Clock.systemUTC(), Map.of(), EndpointCapabilities.EMULATOR);

        ReplicationException refused = org.junit.jupiter.api.Assertions.assertThrows(ReplicationException.class,
                () -> emulated.resolve("us-east-2", "app-repo"));
        assertEquals("the AWS endpoint is an emulator without git: its clone URL "
                + "https://git-codecommit.us-east-2.amazonaws.com/v1/repos/app-repo names real AWS; give this region's "
                + "git server with --git-url us-east-2=URL", refused.getMessage());
    }

    @Test
    void aMissingRepositoryIsReportedPerRegion() {
        clients.computeIfAbsent("us-east-1", Emulator::clients).codecommit()
                .createRepository(r -> r.repositoryName("app-repo"));

        RepositoryEndpoints.Resolution resolution = endpoints(Map.of()).resolveAll(List.of("us-east-1", "us-west-2"), "app-repo");

        assertEquals(List.of("us-east-1"), resolution.endpoints().stream().map(RepositoryEndpoint::region).toList());
        assertTrue(resolution.failures().get("us-west-2").contains("repository app-repo does not exist in us-west-2"),
                resolution.failures().toString());
        ReplicationException e = assertThrows(ReplicationException.class,
                () -> endpoints(Map.of()).resolve("us-west-2", "app-repo"));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void anOverrideWinsAndItsUserInfoBecomesTheLogin() {
        RepositoryEndpoint plain = endpoints(Map.of("us-east-2", URI.create("http://bob:p%40ss@127.0.0.1:8123/repos/")))
                .resolve("us-east-2", "app-repo");
        assertEquals(URI.create("http://127.0.0.1:8123/repos/app-repo"), plain.url(), "no password in the URL");
        assertEquals(new GitLogin("bob", "p@ss"), plain.credentials().loginFor(plain.url()).orElseThrow());

        // without user info it is still SigV4-signed, over the override's own host and path (VPC endpoints)
        RepositoryEndpoint vpce = endpoints(Map.of("us-east-2", URI.create("https://vpce-1.git-codecommit.us-east-2.vpce.amazonaws.com/v1/repos")))
                .resolve("us-east-2", "app-repo");
        assertEquals(CodeCommitGitCredentials.password("secret", "us-east-2", "vpce-1.git-codecommit.us-east-2.vpce.amazonaws.com",
                "/v1/repos/app-repo", Instant.parse("2024-03-15T12:34:56Z")),
                vpce.credentials().loginFor(vpce.url()).orElseThrow().password());
    }

    @Test
    void overridesParseFromOptionsAndEnvironment() {
        assertEquals(Map.entry("us-east-1", URI.create("http://127.0.0.1:8123/repos")),
                RepositoryEndpoints.parseBaseUrl("us-east-1=http://127.0.0.1:8123/repos"));
        assertThrows(IllegalArgumentException.class, () -> RepositoryEndpoints.parseBaseUrl("us-east-1"));
        assertThrows(IllegalArgumentException.class, () -> RepositoryEndpoints.parseBaseUrl("us-east-1=ftp://x/y"));
        assertEquals(Map.of("us-east-2", URI.create("https://git.example.com/r")), RepositoryEndpoints.baseUrlsFromEnvironment(
                Map.of("DEVOPS_CLI_GIT_BASE_URL_US_EAST_2", "https://git.example.com/r", "HOME", "/root")));
    }
}

package io.devopscli.replication;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsErrors;
import io.devopscli.aws.AwsFailure;
import io.devopscli.aws.EndpointCapabilities;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;
import software.amazon.awssdk.services.codecommit.model.RepositoryMetadata;

/**
 * Finds each region's git URL. By default it is the repository's clone URL from CodeCommit
 * (GetRepository cloneUrlHttp), signed in with SigV4 ({@link CodeCommitGitCredentials}).
 *
 * <p>A base URL per region overrides that: the repository is then BASE/REPOSITORY. Overrides come from
 * the caller (CLI: --git-url REGION=URL) or the environment (DEVOPS_CLI_GIT_BASE_URL_US_EAST_1=URL).
 * A base URL with a user and password (http://user:pass@host/repos) signs in with them, which is how
 * tests reach plain git servers; without them it is still SigV4-signed over its own host and path, which
 * suits CodeCommit behind a VPC endpoint or FIPS host.
 */
public final class RepositoryEndpoints {
    public static final String ENV_PREFIX = "DEVOPS_CLI_GIT_BASE_URL_";

    private final EndpointCapabilities endpoint;
    private final Function<String, CodeCommitClient> codecommit;
    private final AwsCredentialsProvider credentials;
    private final Clock clock;
    private final Map<String, URI> baseUrls;

    /** codecommit: the client of a region; baseUrls: overrides, region to base URL. */
    public RepositoryEndpoints(Function<String, CodeCommitClient> codecommit, AwsCredentialsProvider credentials,
                               Clock clock, Map<String, URI> baseUrls) {
        this(codecommit, credentials, clock, baseUrls, EndpointCapabilities.AWS);
    }

    /**
     * @param endpoint what the AWS endpoint cannot do: without git over HTTPS its CodeCommit has metadata
     *                 only, and its clone URLs name real AWS hosts, which such a run must never contact
     */
    public RepositoryEndpoints(Function<String, CodeCommitClient> codecommit, AwsCredentialsProvider credentials,
                               Clock clock, Map<String, URI> baseUrls, EndpointCapabilities endpoint) {
        this.endpoint = endpoint;
        this.codecommit = codecommit;
        this.credentials = credentials;
        this.clock = clock;
        this.baseUrls = Map.copyOf(baseUrls);
    }

    /** The endpoint of the repository in the region; fails with a one-line reason. */
    public RepositoryEndpoint resolve(String region, String repository) {
        URI base = baseUrls.get(region);
        if (base != null) {
            return overridden(region, repository, base);
        }
        RepositoryMetadata metadata;
        try {
            metadata = AwsCall.call(() -> codecommit.apply(region)
                    .getRepository(r -> r.repositoryName(repository)).repositoryMetadata());
        } catch (AwsFailure f) {
            if (f.kind() == AwsErrors.Kind.NOT_FOUND) {
                throw new ReplicationException("repository " + repository + " does not exist in " + region
                        + " (run `devops-cli up` first)", f);
            }
            throw new ReplicationException("cannot look up repository " + repository + " in " + region + ": "
                    + f.getMessage(), f);
        }
        if (metadata.cloneUrlHttp() == null) {
            throw new ReplicationException("CodeCommit gave no HTTPS clone URL for " + repository + " in " + region);
        }
        if (!endpoint.gitOverHttps()) {
            throw new ReplicationException("the AWS endpoint is an emulator without git: its clone URL "
                    + metadata.cloneUrlHttp() + " names real AWS; give this region's git server with --git-url "
                    + region + "=URL");
        }
        return new RepositoryEndpoint(region, URI.create(metadata.cloneUrlHttp()),
                new CodeCommitGitCredentials(credentials, region, clock));
    }

    /** Resolves every region, keeping the ones that fail apart so the others can go on. */
    public Resolution resolveAll(List<String> regions, String repository) {
        List<RepositoryEndpoint> resolved = new ArrayList<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (String region : regions) {
            try {
                resolved.add(resolve(region, repository));
            } catch (ReplicationException e) {
                failures.put(region, e.getMessage());
            }
        }
        return new Resolution(resolved, failures);
    }

    /** The endpoints found and, per region, why one could not be. */
    public record Resolution(List<RepositoryEndpoint> endpoints, Map<String, String> failures) {
    }

    private RepositoryEndpoint overridden(String region, String repository, URI base) {
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        path = (path.endsWith("/") ? path : path + "/") + repository;
        try {
            URI url = new URI(base.getScheme(), null, base.getHost(), base.getPort(), null, null, null)
                    .resolve(path);
            Optional<GitLogin> login = login(base);
            GitCredentials credentials = login.isPresent()
                    ? GitCredentials.of(login.get().user(), login.get().password())
                    : new CodeCommitGitCredentials(this.credentials, region, clock);
            return new RepositoryEndpoint(region, url, credentials);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad git base URL for " + region + ": " + e.getMessage(), e);
        }
    }

    private static Optional<GitLogin> login(URI base) {
        String info = base.getRawUserInfo();
        if (info == null || !info.contains(":")) {
            return Optional.empty();
        }
        int colon = info.indexOf(':');
        return Optional.of(new GitLogin(decode(info.substring(0, colon)), decode(info.substring(colon + 1))));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** Parses "REGION=URL" (the --git-url option); an http(s) URL is required. */
    public static Map.Entry<String, URI> parseBaseUrl(String regionEqualsUrl) {
        int eq = regionEqualsUrl.indexOf('=');
        if (eq <= 0 || eq == regionEqualsUrl.length() - 1) {
            throw new IllegalArgumentException("expected REGION=URL, got '" + regionEqualsUrl + "'");
        }
        String region = regionEqualsUrl.substring(0, eq).trim();
        return Map.entry(region, httpUrl(region, regionEqualsUrl.substring(eq + 1).trim()));
    }

    /** The overrides in an environment: DEVOPS_CLI_GIT_BASE_URL_US_EAST_1=URL is us-east-1's. */
    public static Map<String, URI> baseUrlsFromEnvironment(Map<String, String> environment) {
        Map<String, URI> urls = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length() && !value.isBlank()) {
                String region = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-');
                urls.put(region, httpUrl(region, value.trim()));
            }
        });
        return urls;
    }

    private static URI httpUrl(String region, String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the git base URL of " + region + " is not a URL: " + e.getMessage());
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null) {
            throw new IllegalArgumentException("the git base URL of " + region + " must be http(s)://HOST[/PATH], got '"
                    + redact(uri) + "'");
        }
        return uri;
    }

    /** A URL fit for messages: any password replaced. */
    public static String redact(URI uri) {
        return uri.getRawUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo() + "@", "****@");
    }
}

package io.devopscli.lambda;

import io.devopscli.replication.RepositoryEndpoints;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the replication function is told through its environment (set by `up`): which repository, the
 * source region it listens to (its own), the other regions it pushes to, where its git cache lives, and optional
 * git base URL overrides (DEVOPS_CLI_GIT_BASE_URL_<REGION>, as for `replicate`).
 */
public record ReplicationSettings(String repositoryName, String sourceRegion, List<String> secondaryRegions,
                                  Path cacheDir, Duration gitTimeout, Map<String, URI> baseUrls) {
    public static final String REPOSITORY_NAME = "REPOSITORY_NAME";
    public static final String SOURCE_REGION = "SOURCE_REGION";
    public static final String SECONDARY_REGIONS = "REPLICATION_SECONDARY_REGIONS";
    public static final String CACHE_DIR = "REPLICATION_CACHE_DIR";
    public static final String GIT_TIMEOUT_SECONDS = "REPLICATION_GIT_TIMEOUT_SECONDS";
    /** /tmp is the only writable place in Lambda, and it survives between warm invocations. */
    static final Path DEFAULT_CACHE_ROOT = Path.of("/tmp/devops-cli-replication");
    static final Duration DEFAULT_GIT_TIMEOUT = Duration.ofMinutes(2);

    public ReplicationSettings {
        secondaryRegions = List.copyOf(secondaryRegions);
        baseUrls = Map.copyOf(baseUrls);
    }

    public static ReplicationSettings fromEnvironment(Map<String, String> env) {
        String repository = required(env, REPOSITORY_NAME);
        List<String> secondaries = Arrays.stream(required(env, SECONDARY_REGIONS).split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        String cache = env.get(CACHE_DIR);
        String timeout = env.get(GIT_TIMEOUT_SECONDS);
        return new ReplicationSettings(repository, required(env, SOURCE_REGION), secondaries,
                cache == null || cache.isBlank() ? DEFAULT_CACHE_ROOT.resolve(repository) : Path.of(cache),
                timeout == null || timeout.isBlank() ? DEFAULT_GIT_TIMEOUT : Duration.ofSeconds(Long.parseLong(timeout.strip())),
                RepositoryEndpoints.baseUrlsFromEnvironment(env));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the replication function needs the environment variable " + name
                    + " (set by `devops-cli up`)");
        }
        return value.strip();
    }
}

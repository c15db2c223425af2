package io.devopscli.cli;

import io.devopscli.replication.ReplicationCache;
import io.devopscli.replication.RepositoryEndpoints;
import io.devopscli.topology.Topology;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the regions' git repositories are and where the local mirror lives: replicate, failover and status share it. */
final class GitServerOptions {
    @Option(names = "--git-url", paramLabel = "REGION=URL",
            description = "Git base URL of a region's repositories instead of CodeCommit's clone URL (repeatable); "
                    + "the repository is URL/REPOSITORY. DEVOPS_CLI_GIT_BASE_URL_<REGION> does the same.")
    List<String> gitUrls = new ArrayList<>();

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Local bare repository the replication source is fetched into (default: a per-user cache, reused).")
    Path cacheDir;

    /** The environment's overrides, then the options'; a malformed one is a usage error. */
    Map<String, URI> baseUrls(Topology topology) {
        Map<String, URI> urls = new LinkedHashMap<>();
        try {
            urls.putAll(RepositoryEndpoints.baseUrlsFromEnvironment(System.getenv()));
            for (String option : gitUrls) {
                Map.Entry<String, URI> e = RepositoryEndpoints.parseBaseUrl(option);
                urls.put(e.getKey(), e.getValue());
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--git-url: " + e.getMessage());
        }
        for (String region : urls.keySet()) {
            if (topology.region(region).isEmpty()) {
                throw new UsageException("--git-url names " + region + ", not a region of this run");
            }
        }
        return urls;
    }

    Path cache(Topology topology) {
        return cacheDir != null ? cacheDir : ReplicationCache.defaultDir(topology.project(), topology.pipeline().repository());
    }

    /** Repository endpoints of the run: CodeCommit's clone URLs signed with SigV4, or the overrides. */
    RepositoryEndpoints endpoints(Session session, String credentialsRegion) {
        Map<String, URI> overrides = baseUrls(session.topology()); // bad input first: before any AWS call
        return new RepositoryEndpoints(r -> session.clients(r).codecommit(),
                session.credentials(credentialsRegion), Clock.systemUTC(), overrides,
                session.settings().capabilities());
    }
}

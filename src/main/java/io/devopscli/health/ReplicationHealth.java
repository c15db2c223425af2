package io.devopscli.health;

import io.devopscli.replication.Mirror;
import io.devopscli.replication.MirrorOptions;
import io.devopscli.replication.ReplicationException;
import io.devopscli.replication.ReplicationStatus;
import io.devopscli.replication.RepositoryEndpoint;
import io.devopscli.replication.RepositoryEndpoints;
import io.devopscli.topology.RegionSpec;
import io.devopscli.topology.Topology;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The replication lines of `status`: for each region other than the replication source (the region
 * serving production) and each branch, its head and whether it is in sync with the source, behind by N
 * commits (and since when: the oldest commit it lacks), or diverged. Read-only: it fetches into the local
 * mirror cache and reads the other regions' refs, and pushes nothing.
 */
public final class ReplicationHealth {
    private final Topology topology;
    private final RepositoryEndpoints endpoints;
    private final Path cacheDir;
    private final String source;
    private final Clock clock;

    public ReplicationHealth(Topology topology, RepositoryEndpoints endpoints, Path cacheDir, String source, Clock clock) {
        this.topology = topology;
        this.endpoints = endpoints;
        this.cacheDir = cacheDir;
        this.source = source;
        this.clock = clock;
    }

    /** Checks per region of the run other than the source; empty when the run lacks the source or any other. */
    public Map<String, List<LiveCheck>> collect() {
        Map<String, List<LiveCheck>> result = new LinkedHashMap<>();
        List<String> secondaries = topology.regions().stream().map(RegionSpec::name).filter(r -> !r.equals(source)).toList();
        if (secondaries.isEmpty() || topology.region(source).isEmpty()) {
            return result;
        }
        String repository = topology.pipeline().repository();
        try {
            RepositoryEndpoint primary = endpoints.resolve(source, repository);
            RepositoryEndpoints.Resolution targets = endpoints.resolveAll(secondaries, repository);
            targets.failures().forEach((region, reason) ->
                    result.put(region, List.of(LiveCheck.unavailable("replication", reason))));
            try (Mirror mirror = Mirror.open(cacheDir, MirrorOptions.defaults())) {
                List<ReplicationStatus.Secondary> all = mirror.status(primary, targets.endpoints()).secondaries();
                for (ReplicationStatus.Secondary s : all) {
                    result.put(s.region(), checks(s));
                }
                primaryHeads(all).ifPresent(heads -> result.put(source, heads));
            }
        } catch (ReplicationException | IllegalStateException e) {
            secondaries.forEach(r -> result.put(r, List.of(LiveCheck.unavailable("replication", e.getMessage()))));
        }
        return result;
    }

    /** The source's own branches ("repository main: at 1a2b3c4d"), as the comparison read them. */
    private static java.util.Optional<List<LiveCheck>> primaryHeads(List<ReplicationStatus.Secondary> secondaries) {
        return secondaries.stream().filter(s -> s.error() == null).findFirst().map(s -> s.branches().stream()
                .filter(b -> b.primaryHead() != null)
                .map(b -> new LiveCheck("repository " + b.name(), true, "at " + shortSha(b.primaryHead())))
                .toList());
    }

    private List<LiveCheck> checks(ReplicationStatus.Secondary s) {
        if (s.error() != null) {
            return List.of(LiveCheck.unavailable("replication", s.error()));
        }
        List<LiveCheck> checks = new ArrayList<>();
        for (ReplicationStatus.Branch b : s.branches()) {
            checks.add(new LiveCheck("replication " + b.name(), b.state() == ReplicationStatus.State.IN_SYNC,
                    describe(b, source) + lag(b)));
        }
        return checks;
    }

    static String describe(ReplicationStatus.Branch b, String source) {
        return switch (b.state()) {
            case IN_SYNC -> "in sync at " + shortSha(b.secondaryHead());
            case BEHIND -> "behind by " + b.behind() + " commit" + (b.behind() == 1 ? "" : "s") + " ("
                    + shortSha(b.secondaryHead()) + ", source " + source + " at " + shortSha(b.primaryHead()) + ")";
            case DIVERGED -> "diverged: " + b.ahead() + " commit" + (b.ahead() == 1 ? "" : "s")
                    + " the source " + source + " lacks (" + shortSha(b.secondaryHead()) + ", source at "
                    + shortSha(b.primaryHead()) + ")";
            case MISSING -> "missing (source " + source + " at " + shortSha(b.primaryHead()) + ")";
            case EXTRA -> "only in this region (" + shortSha(b.secondaryHead()) + ")";
        };
    }

    /** How far behind in time: the age of the oldest commit this region lacks (its committer time). */
    private String lag(ReplicationStatus.Branch b) {
        if (b.oldestMissing() == null) {
            return "";
        }
        return "; lag " + age(Duration.between(b.oldestMissing(), clock.instant())) + " (oldest missing commit)";
    }

    static String age(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 120) {
            return s + "s";
        }
        if (s < 7200) {
            return s / 60 + "m";
        }
        if (s < 172800) {
            return s / 3600 + "h";
        }
        return s / 86400 + "d";
    }

    private static String shortSha(String sha) {
        return sha == null ? "-" : sha.substring(0, Math.min(8, sha.length()));
    }
}

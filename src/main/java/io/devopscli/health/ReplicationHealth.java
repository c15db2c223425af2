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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The replication lines of `status`: for each secondary and branch, its head and whether it is in sync
 * with the primary, behind by N commits, or diverged. Read-only: it fetches into the local mirror cache
 * and reads the secondaries' refs, and pushes nothing.
 */
public final class ReplicationHealth {
    private final Topology topology;
    private final RepositoryEndpoints endpoints;
    private final Path cacheDir;

    public ReplicationHealth(Topology topology, RepositoryEndpoints endpoints, Path cacheDir) {
        this.topology = topology;
        this.endpoints = endpoints;
        this.cacheDir = cacheDir;
    }

    /** Checks per secondary region of the run; empty when the run has no primary or no secondary. */
    public Map<String, List<LiveCheck>> collect() {
        Map<String, List<LiveCheck>> result = new LinkedHashMap<>();
        List<String> secondaries = topology.regions().stream().filter(r -> !r.isPrimary()).map(RegionSpec::name).toList();
        if (secondaries.isEmpty() || topology.regions().stream().noneMatch(RegionSpec::isPrimary)) {
            return result;
        }
        String repository = topology.pipeline().repository();
        try {
            RepositoryEndpoint primary = endpoints.resolve(topology.primary().name(), repository);
            RepositoryEndpoints.Resolution targets = endpoints.resolveAll(secondaries, repository);
            targets.failures().forEach((region, reason) ->
                    result.put(region, List.of(LiveCheck.unavailable("replication", reason))));
            try (Mirror mirror = Mirror.open(cacheDir, MirrorOptions.defaults())) {
                List<ReplicationStatus.Secondary> all = mirror.status(primary, targets.endpoints()).secondaries();
                for (ReplicationStatus.Secondary s : all) {
                    result.put(s.region(), checks(s));
                }
                primaryHeads(all).ifPresent(heads -> result.put(topology.primary().name(), heads));
            }
        } catch (ReplicationException | IllegalStateException e) {
            secondaries.forEach(r -> result.put(r, List.of(LiveCheck.unavailable("replication", e.getMessage()))));
        }
        return result;
    }

    /** The primary's own branches ("repository main: at 1a2b3c4d"), as the comparison read them. */
    private static java.util.Optional<List<LiveCheck>> primaryHeads(List<ReplicationStatus.Secondary> secondaries) {
        return secondaries.stream().filter(s -> s.error() == null).findFirst().map(s -> s.branches().stream()
                .filter(b -> b.primaryHead() != null)
                .map(b -> new LiveCheck("repository " + b.name(), true, "at " + shortSha(b.primaryHead())))
                .toList());
    }

    private static List<LiveCheck> checks(ReplicationStatus.Secondary s) {
        if (s.error() != null) {
            return List.of(LiveCheck.unavailable("replication", s.error()));
        }
        List<LiveCheck> checks = new ArrayList<>();
        for (ReplicationStatus.Branch b : s.branches()) {
            checks.add(new LiveCheck("replication " + b.name(), b.state() == ReplicationStatus.State.IN_SYNC, describe(b)));
        }
        return checks;
    }

    static String describe(ReplicationStatus.Branch b) {
        return switch (b.state()) {
            case IN_SYNC -> "in sync at " + shortSha(b.secondaryHead());
            case BEHIND -> "behind by " + b.behind() + " commit" + (b.behind() == 1 ? "" : "s") + " ("
                    + shortSha(b.secondaryHead()) + ", primary at " + shortSha(b.primaryHead()) + ")";
            case DIVERGED -> "diverged: " + b.ahead() + " commit" + (b.ahead() == 1 ? "" : "s")
                    + " the primary lacks (" + shortSha(b.secondaryHead()) + ", primary at " + shortSha(b.primaryHead()) + ")";
            case MISSING -> "missing (primary at " + shortSha(b.primaryHead()) + ")";
            case EXTRA -> "only in this region (" + shortSha(b.secondaryHead()) + ")";
        };
    }

    private static String shortSha(String sha) {
        return sha == null ? "-" : sha.substring(0, Math.min(8, sha.length()));
    }
}

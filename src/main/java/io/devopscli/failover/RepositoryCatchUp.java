package io.devopscli.failover;

import io.devopscli.replication.Mirror;
import io.devopscli.replication.MirrorOptions;
import io.devopscli.replication.MirrorReport;
import io.devopscli.replication.RefOutcome;
import io.devopscli.replication.RefResult;
import io.devopscli.replication.ReplicationException;
import io.devopscli.replication.ReplicationStatus;
import io.devopscli.replication.RepositoryEndpoint;
import io.devopscli.replication.RepositoryEndpoints;
import io.devopscli.replication.SecondaryResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Before traffic moves to a region, its repository catches up with the active region's (the replication
 * source), so the region that takes over serves and builds the code production runs. A target that has
 * commits the source lacks (it diverged, say pushes that never replicated before it went down) is not
 * overwritten without --force. When the source cannot be read (the active region is the one that is down),
 * the target keeps what it has: that gap is the recovery point.
 */
public final class RepositoryCatchUp {
    /** The active region may be the one down: a fetch from it must not hold the failover for minutes. */
    static final Duration GIT_TIMEOUT = Duration.ofSeconds(30);

    private final RepositoryEndpoints endpoints;
    private final Path cacheDir;
    private final String repository;

    public RepositoryCatchUp(RepositoryEndpoints endpoints, Path cacheDir, String repository) {
        this.endpoints = endpoints;
        this.cacheDir = cacheDir;
        this.repository = repository;
    }

    /**
     * What the check found. available is false when either repository could not be read (summary says
     * why); diverged lists the target's branches with commits the source lacks; toMove counts the
     * branches the catch-up creates, fast-forwards or deletes.
     */
    public record Check(boolean available, String summary, List<String> diverged, int toMove) {
        public Check {
            diverged = List.copyOf(diverged);
        }

        static Check unavailable(String why) {
            return new Check(false, why, List.of(), 0);
        }
    }

    /** Read-only: fetches the source into the cache and compares the target's branches with it. */
    public Check check(String source, String target) {
        ReplicationStatus.Secondary s;
        try (Mirror mirror = Mirror.open(cacheDir, options(false))) {
            s = mirror.status(endpoints.resolve(source, repository), List.of(endpoints.resolve(target, repository)))
                    .secondaries().get(0);
        } catch (ReplicationException e) {
            return Check.unavailable("repositories unavailable (" + e.getMessage() + "); " + target + " keeps what it has");
        }
        if (s.error() != null) {
            return Check.unavailable(target + "'s repository unavailable (" + s.error() + "); it keeps what it has");
        }
        List<String> diverged = new ArrayList<>();
        List<String> moves = new ArrayList<>();
        for (ReplicationStatus.Branch b : s.branches()) {
            switch (b.state()) {
                case DIVERGED -> diverged.add(b.name() + " has " + b.ahead() + " commit" + (b.ahead() == 1 ? "" : "s")
                        + " not in " + source + " (" + shortSha(b.secondaryHead()) + ", " + source + " at "
                        + shortSha(b.primaryHead()) + ")");
                case BEHIND -> moves.add(b.name() + " behind by " + b.behind());
                case MISSING -> moves.add(b.name() + " missing");
                case EXTRA -> moves.add(b.name() + " only in " + target);
                case IN_SYNC -> { }
            }
        }
        String summary;
        if (!diverged.isEmpty()) {
            summary = target + " diverged from " + source + ": " + String.join("; ", diverged);
        } else if (moves.isEmpty()) {
            summary = target + "'s repository is in sync with " + source + " (" + s.branches().size() + " branch"
                    + (s.branches().size() == 1 ? "" : "es") + ")";
        } else {
            summary = target + " is behind " + source + ": " + String.join(", ", moves);
        }
        return new Check(true, summary, diverged, moves.size());
    }

    /**
     * Mirrors every branch and tag of the source onto the target (what `replicate --from SOURCE` does for
     * one region); force replaces diverged branches, and the result names each replaced head so its commits
     * can still be fetched by SHA. Throws when the target did not end as the source.
     */
    public String apply(String source, String target, boolean force) {
        MirrorReport report;
        try (Mirror mirror = Mirror.open(cacheDir, options(force))) {
            report = mirror.mirrorAll(endpoints.resolve(source, repository), List.of(endpoints.resolve(target, repository)));
        }
        SecondaryResult s = report.secondaries().get(0);
        if (!s.ok()) {
            throw new ReplicationException("bringing " + target + "'s repository up to date from " + source + " failed: "
                    + (s.error() != null ? s.error() : String.join(", ", s.refs().stream().filter(r -> !r.outcome().ok())
                            .map(r -> r.ref() + " " + r.outcome() + " " + r.detail()).toList())));
        }
        List<String> forced = s.refs().stream().filter(RefResult::forced)
                .map(r -> r.ref() + " was " + r.oldId()).toList();
        return target + " brought up to date from " + source + ": " + s.count(RefOutcome.CREATED) + " created, "
                + s.count(RefOutcome.UPDATED) + " updated, " + s.count(RefOutcome.DELETED) + " deleted"
                + (forced.isEmpty() ? "" : "; replaced (--force): " + String.join(", ", forced));
    }

    private static MirrorOptions options(boolean force) {
        return MirrorOptions.defaults().withForce(force).withTimeout(GIT_TIMEOUT);
    }

    private static String shortSha(String sha) {
        return sha == null ? "-" : sha.substring(0, Math.min(8, sha.length()));
    }
}

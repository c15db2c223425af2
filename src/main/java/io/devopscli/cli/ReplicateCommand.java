package io.devopscli.cli;

import io.devopscli.replication.Mirror;
import io.devopscli.replication.MirrorOptions;
import io.devopscli.replication.MirrorReport;
import io.devopscli.replication.RefOutcome;
import io.devopscli.replication.RefResult;
import io.devopscli.replication.ReplicationException;
import io.devopscli.replication.RepositoryEndpoint;
import io.devopscli.replication.RepositoryEndpoints;
import io.devopscli.replication.SecondaryResult;
import io.devopscli.topology.RegionSpec;
import io.devopscli.topology.Topology;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Mirrors the source region's repository to every other region at the git level, so every region holds
 * the same commits with the same SHAs. The source is the region serving production (read from Route 53:
 * code follows traffic), or --from. Exit 0 when every other region is as asked, 1 when one is
 * unreachable or diverged (after finishing the others).
 */
@Command(name = "replicate", header = "Mirror the source repository to every other region.",
        description = {"Mirror the source region's repository (the region serving production, or --from) to "
        + "every other region at the git level: every branch and tag, the same SHAs."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  # every branch and tag, from the region serving production",
            "  devops-cli replicate",
            "  # the pipeline branch up to a commit, from a chosen region",
            "  devops-cli replicate --commit 3f2a9c1 --from us-east-2",
            "  # another git server than CodeCommit",
            "  devops-cli replicate --git-url us-east-1=http://git.internal/repos"})
final class ReplicateCommand extends BaseCommand {
    @Option(names = "--from", paramLabel = "REGION",
            description = "Region to mirror from (default: the region serving production, as Route 53's failover "
                    + "records say; the topology's primary when there are none yet).")
    String from;

    @Option(names = "--commit", paramLabel = "SHA",
            description = "Bring the secondaries' branch up to this commit of the primary (full or abbreviated SHA).")
    String commit;

    @Option(names = "--branch", paramLabel = "BRANCH",
            description = "Branch to move with --commit (default: the topology's pipeline branch).")
    String branch;

    @Option(names = "--force", description = "Replace diverged branches and moved tags on the secondaries.")
    boolean force;

    @Mixin
    GitServerOptions git;

    @Override
    public Integer call() {
        if (branch != null && commit == null) {
            throw new UsageException("--branch goes with --commit (without it every branch is mirrored)");
        }
        if (commit != null && !commit.matches("[0-9a-fA-F]{4,40}")) {
            throw new UsageException("--commit takes a commit SHA (4 to 40 hex digits), got '" + commit + "'");
        }
        try (Session session = Session.open(common, err())) {
            Topology topology = session.topology();
            if (from != null && topology.region(from).isEmpty()) {
                throw new UsageException("--from " + from + " is not a region of this run ("
                        + String.join(", ", topology.regions().stream().map(RegionSpec::name).toList()) + ")");
            }
            git.baseUrls(topology); // a malformed --git-url is a usage error before any call, Route 53's included
            String source = from != null ? from : SourceRegion.read(session, err());
            if (topology.region(source).isEmpty()) {
                throw new UsageException("the replication source " + source + " is not in this run: --regions must "
                        + "include it, or give --from");
            }
            RepositoryEndpoints endpoints = git.endpoints(session, source);
            List<String> secondaries = topology.regions().stream().map(RegionSpec::name).filter(r -> !r.equals(source))
                    .toList();
            String repository = topology.pipeline().repository();
            if (secondaries.isEmpty()) {
                err().println("No secondary region: nothing to replicate.");
                return ExitCodes.OK;
            }
            MirrorReport report;
            try {
                RepositoryEndpoint sourceEndpoint = endpoints.resolve(source, repository);
                RepositoryEndpoints.Resolution targets = endpoints.resolveAll(secondaries, repository);
                String target = branch != null ? branch : topology.pipeline().branch();
                err().println(commit == null
                        ? "Mirroring " + repository + " from " + sourceEndpoint + " to " + String.join(", ", secondaries) + " ..."
                        : "Moving " + target + " to " + commit + " on " + String.join(", ", secondaries) + " ...");
                try (Mirror mirror = Mirror.open(git.cache(topology), MirrorOptions.defaults().withForce(force))) {
                    report = commit == null
                            ? mirror.mirrorAll(sourceEndpoint, targets.endpoints())
                            : mirror.mirrorCommit(sourceEndpoint, targets.endpoints(), commit, target);
                }
                report = report.withUnresolved(targets.failures());
            } catch (ReplicationException e) {
                err().println("devops-cli: " + e.getMessage());
                return ExitCodes.AWS_FAILED;
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            if (common.json()) {
                JsonOutput.write(out(), document(topology, repository, report));
            } else {
                table(out(), report);
            }
            return report.ok() ? ExitCodes.OK : ExitCodes.AWS_FAILED;
        }
    }

    /** Environment first, then --git-url, which wins for the same region. */
    private static void table(PrintWriter out, MirrorReport report) {
        for (SecondaryResult s : report.secondaries()) {
            if (!s.reachable()) {
                out.printf("%s -> %s: unreachable: %s%n", report.primaryRegion(), s.region(), s.error());
                continue;
            }
            out.printf("%s -> %s: %d created, %d updated, %d deleted, %d up to date, %d diverged, %d failed%n",
                    report.primaryRegion(), s.region(), s.count(RefOutcome.CREATED), s.count(RefOutcome.UPDATED),
                    s.count(RefOutcome.DELETED), s.count(RefOutcome.UP_TO_DATE), s.count(RefOutcome.DIVERGED),
                    s.count(RefOutcome.FAILED));
            int width = s.refs().stream().mapToInt(r -> r.ref().length()).max().orElse(10);
            for (RefResult r : s.refs()) {
                if (r.outcome() != RefOutcome.UP_TO_DATE) {
                    out.printf("  %s %-" + width + "s  %s%n", symbol(r.outcome()), r.ref(), describe(r));
                }
            }
        }
        long bad = report.secondaries().stream().filter(s -> !s.ok()).count();
        out.printf(Locale.ROOT, "Replication %s in %.1fs: %d of %d secondaries as asked.%n",
                bad == 0 ? "complete" : "incomplete", report.millis() / 1000.0,
                report.secondaries().size() - bad, report.secondaries().size());
        out.flush();
    }

    private static String symbol(RefOutcome outcome) {
        return switch (outcome) {
            case CREATED -> "+";
            case UPDATED -> "~";
            case DELETED -> "-";
            case UP_TO_DATE -> "=";
            case DIVERGED, FAILED -> "!";
        };
    }

    private static String describe(RefResult r) {
        return switch (r.outcome()) {
            case CREATED -> "created at " + shortId(r.newId());
            case UPDATED -> shortId(r.oldId()) + ".." + shortId(r.newId())
                    + (r.commits() == null ? "" : " (" + r.commits() + " commit" + (r.commits() == 1 ? "" : "s") + ")")
                    + (r.forced() ? " forced" : "");
            case DELETED -> "deleted (was " + shortId(r.oldId()) + ")";
            case UP_TO_DATE -> "up to date";
            case DIVERGED -> "diverged, left alone: " + r.detail();
            case FAILED -> "failed: " + r.detail();
        };
    }

    private static String shortId(String id) {
        return id == null ? "-" : id.substring(0, Math.min(10, id.length()));
    }

    private Map<String, Object> document(Topology topology, String repository, MirrorReport report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("command", "replicate");
        doc.put("project", topology.project());
        doc.put("repository", repository);
        doc.put("mode", commit == null ? "all" : "commit");
        doc.put("force", force);
        doc.put("ok", report.ok());
        doc.put("millis", report.millis());
        doc.put("primary", Map.of("region", report.primaryRegion(), "url", report.primaryUrl()));
        doc.put("secondaries", report.secondaries().stream().map(ReplicateCommand::secondary).toList());
        return doc;
    }

    private static Map<String, Object> secondary(SecondaryResult s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("region", s.region());
        m.put("url", s.url());
        m.put("ok", s.ok());
        if (s.error() != null) {
            m.put("error", s.error());
        }
        m.put("refs", s.refs().stream().sorted(Comparator.comparing(RefResult::ref)).map(r -> {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("ref", r.ref());
            ref.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            ref.put("old", r.oldId());
            ref.put("new", r.newId());
            ref.put("commits", r.commits());
            ref.put("forced", r.forced());
            ref.put("detail", r.detail());
            return ref;
        }).toList());
        return m;
    }
}

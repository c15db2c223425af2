package io.devopscli.replication;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.util.FileUtils;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/**
 * Not a test: times the mirror on loopback (JGit's GitServlet, Basic auth). Per run: a fresh secondary
 * and a fresh cache, a full mirror of a 1,000-commit repository, then one new commit and an incremental
 * mirror. Prints the median of the runs. Run with scripts/benchmark-replication.sh [RUNS].
 */
public final class ReplicationBenchmark {
    private ReplicationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = Files.createTempDirectory("replication-benchmark");
        try (GitHttpServer server = GitHttpServer.start(dir.resolve("server"))) {
            Repository primary = server.create("primary/repo");
            ObjectId main = GitFixture.commits(primary, "main", null, 700);
            GitFixture.commits(primary, "develop", main, 200);
            GitFixture.commits(primary, "release", main, 100);
            GitFixture.setRef(primary, "refs/tags/v1", main);
            System.out.printf("primary: %d commits, 3 branches, 1 tag%n", GitFixture.commitCount(primary));
            List<Long> full = new ArrayList<>();
            List<Long> incremental = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                server.create("s" + run + "/repo");
                RepositoryEndpoints endpoints = new RepositoryEndpoints(r -> null, AnonymousCredentialsProvider.create(),
                        Clock.systemUTC(), Map.of("primary", server.baseUrl("primary"), "secondary", server.baseUrl("s" + run)));
                RepositoryEndpoint from = endpoints.resolve("primary", "repo");
                List<RepositoryEndpoint> to = List.of(endpoints.resolve("secondary", "repo"));
                try (Mirror mirror = Mirror.open(dir.resolve("cache" + run), MirrorOptions.defaults())) {
                    long t = System.nanoTime();
                    check(mirror.mirrorAll(from, to));
                    full.add((System.nanoTime() - t) / 1_000_000);
                    GitFixture.commits(primary, "main", null, 1);
                    t = System.nanoTime();
                    check(mirror.mirrorAll(from, to));
                    incremental.add((System.nanoTime() - t) / 1_000_000);
                }
                System.out.printf("run %d: full %d ms, incremental %d ms (objects received: %s)%n", run + 1,
                        full.get(run), incremental.get(run), server.pushes("s" + run + "/repo"));
            }
            System.out.printf(Locale.ROOT, "median of %d runs: full mirror %d ms, incremental push %d ms%n", runs,
                    median(full), median(incremental));
        } finally {
            FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS);
        }
    }

    private static void check(MirrorReport report) {
        if (!report.ok()) {
            throw new IllegalStateException("mirror failed: " + report);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}

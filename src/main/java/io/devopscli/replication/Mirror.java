package io.devopscli.replication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushConnection;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;

/**
 * Mirrors a primary git repository to secondaries over smart HTTP with JGit (no git binary), keeping
 * every SHA. The primary's branches and tags are fetched into a local bare cache; each secondary then
 * gets only the objects it lacks (JGit negotiates from the refs the secondary advertises). Branches move
 * by fast-forward only unless forced; branch and tag creation and deletion are mirrored. Secondaries are
 * handled independently and in parallel: one that fails does not stop the others.
 *
 * <p>The cache may be reused between runs (fetches are then incremental); one run at a time per cache.
 */
public final class Mirror implements AutoCloseable {
    private static final List<RefSpec> PRIMARY_REFS = List.of(
            new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"));
    /** Where status keeps each secondary's branches, apart from the primary's. */
    private static final String SECONDARY_PREFIX = "refs/replication/";

    private final Repository cache;
    private final MirrorOptions options;
    private final History history;

    private Mirror(Repository cache, MirrorOptions options) {
        this.cache = cache;
        this.options = options;
        this.history = new History(cache);
    }

    /** Opens the bare cache repository at dir, creating it when absent. */
    public static Mirror open(Path dir, MirrorOptions options) {
        return new Mirror(openCache(dir), options);
    }

    /** The bare cache repository at dir, created when absent (shared by replicate, push and failover). */
    static Repository openCache(Path dir) {
        try {
            if (Files.exists(dir.resolve("HEAD"))) {
                return new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().setMustExist(true).build();
            }
            Files.createDirectories(dir);
            Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
            repo.create(true);
            return repo;
        } catch (IOException e) {
            throw new ReplicationException("cannot open the git cache " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Every branch and tag of the primary onto every secondary; refs the primary lacks are deleted. */
    public MirrorReport mirrorAll(RepositoryEndpoint primary, List<RepositoryEndpoint> secondaries) {
        long start = System.nanoTime();
        Map<String, ObjectId> desired = fetchPrimary(primary);
        if (desired.keySet().stream().noneMatch(r -> r.startsWith(Constants.R_HEADS))) {
            // An empty primary (wrong URL, fresh repository) would otherwise wipe every secondary.
            throw new ReplicationException("the primary repository (" + primary + ") has no branch: refusing to "
                    + "mirror it, which would delete every branch of the secondaries");
        }
        return report(primary, pushAll(secondaries, desired, true), start);
    }

    /**
     * Brings branch on every secondary to exactly commit (full or unique abbreviated SHA), which must be
     * reachable from a branch or tag of the primary. Other refs are left alone.
     */
    public MirrorReport mirrorCommit(RepositoryEndpoint primary, List<RepositoryEndpoint> secondaries,
                                     String commit, String branch) {
        long start = System.nanoTime();
        String ref = Constants.R_HEADS + branch;
        if (!Repository.isValidRefName(ref)) {
            throw new IllegalArgumentException("'" + branch + "' is not a valid branch name");
        }
        Map<String, ObjectId> primaryRefs = fetchPrimary(primary);
        ObjectId id = commitInPrimary(commit, primaryRefs, primary);
        return report(primary, pushAll(secondaries, Map.of(ref, id), false), start);
    }

    /**
     * Brings one branch or tag (a full ref name, refs/heads/... or refs/tags/...) on every secondary to
     * what the primary has now: created or moved to the primary's id, or deleted when the primary no
     * longer has it. Other refs are left alone. What the primary holds now wins over what an event said
     * some time ago, so late or reordered notifications cannot move a secondary backwards.
     */
    public MirrorReport mirrorRef(RepositoryEndpoint primary, List<RepositoryEndpoint> secondaries, String ref) {
        long start = System.nanoTime();
        if (!(ref.startsWith(Constants.R_HEADS) || ref.startsWith(Constants.R_TAGS)) || !Repository.isValidRefName(ref)) {
            throw new IllegalArgumentException("'" + ref + "' is not a branch or tag (refs/heads/... or refs/tags/...)");
        }
        Map<String, ObjectId> desired = new HashMap<>();
        desired.put(ref, fetchPrimary(primary).get(ref)); // null: the primary deleted it, so delete it
        return report(primary, pushAll(secondaries, desired, false), start);
    }

    /** Per secondary and branch: head, and in sync, behind, diverged, missing or extra. Changes nothing remote. */
    public ReplicationStatus status(RepositoryEndpoint primary, List<RepositoryEndpoint> secondaries) {
        Map<String, ObjectId> primaryHeads = heads(fetchPrimary(primary), Constants.R_HEADS);
        List<ReplicationStatus.Secondary> result = new ArrayList<>();
        for (RepositoryEndpoint secondary : secondaries) {
            try {
                Map<String, ObjectId> heads = fetchSecondaryHeads(secondary);
                result.add(new ReplicationStatus.Secondary(secondary.region(), secondary.url().toString(), null,
                        compare(primaryHeads, heads)));
            } catch (IOException | RuntimeException e) {
                result.add(new ReplicationStatus.Secondary(secondary.region(), secondary.url().toString(),
                        reason(e), List.of()));
            }
        }
        return new ReplicationStatus(primary.region(), primary.url().toString(), result);
    }

    private List<ReplicationStatus.Branch> compare(Map<String, ObjectId> primary, Map<String, ObjectId> secondary)
            throws IOException {
        Set<String> names = new java.util.TreeSet<>(primary.keySet());
        names.addAll(secondary.keySet());
        List<ReplicationStatus.Branch> branches = new ArrayList<>();
        for (String name : names) {
            ObjectId p = primary.get(name);
            ObjectId s = secondary.get(name);
            ReplicationStatus.State state;
            int behind = 0;
            int ahead = 0;
            java.time.Instant oldestMissing = null;
            if (s == null) {
                state = ReplicationStatus.State.MISSING;
            } else if (p == null) {
                state = ReplicationStatus.State.EXTRA;
            } else if (p.equals(s)) {
                state = ReplicationStatus.State.IN_SYNC;
            } else {
                behind = history.count(p, s);
                ahead = history.count(s, p);
                state = ahead == 0 ? ReplicationStatus.State.BEHIND : ReplicationStatus.State.DIVERGED;
            }
            if (p != null && (s == null || behind > 0)) {
                oldestMissing = history.oldestCommitTime(p, s).orElse(null);
            }
            branches.add(new ReplicationStatus.Branch(name, p == null ? null : p.name(), s == null ? null : s.name(),
                    state, behind, ahead, oldestMissing));
        }
        return branches;
    }

    private ObjectId commitInPrimary(String commit, Map<String, ObjectId> primaryRefs, RepositoryEndpoint primary) {
        try {
            ObjectId id = cache.resolve(commit + "^{commit}");
            if (id == null || !history.reachableFromAny(id, primaryRefs.values())) {
                throw new ReplicationException("commit " + commit + " is not in the primary repository (" + primary
                        + "); nothing was pushed");
            }
            return id;
        } catch (AmbiguousObjectException e) {
            throw new ReplicationException("commit " + commit + " is ambiguous in the primary: give more digits", e);
        } catch (RevisionSyntaxException | IOException e) {
            throw new ReplicationException("commit " + commit + " is not in the primary repository (" + primary
                    + "): " + e.getMessage(), e);
        }
    }

    /** Fetches the primary's branches and tags into the cache (pruning deleted ones); returns them. */
    private Map<String, ObjectId> fetchPrimary(RepositoryEndpoint primary) {
        synchronized (cache) {
            try (Transport t = Remotes.open(cache, primary, options.timeout())) {
                t.setRemoveDeletedRefs(true);
                t.setTagOpt(TagOpt.NO_TAGS);
                t.fetch(NullProgressMonitor.INSTANCE, PRIMARY_REFS);
                Map<String, ObjectId> refs = new TreeMap<>();
                for (Ref r : cache.getRefDatabase().getRefsByPrefix(Constants.R_HEADS, Constants.R_TAGS)) {
                    refs.put(r.getName(), r.getObjectId());
                }
                return refs;
            } catch (IOException | RuntimeException e) {
                throw new ReplicationException("cannot fetch from the primary (" + primary + "): " + reason(e), e);
            }
        }
    }

    /** Fetches a secondary's branches into refs/replication/REGION/heads/ so ancestry can be counted. */
    private Map<String, ObjectId> fetchSecondaryHeads(RepositoryEndpoint secondary) throws IOException {
        String prefix = SECONDARY_PREFIX + secondary.region().replaceAll("[^A-Za-z0-9-]", "-") + "/heads/";
        synchronized (cache) {
            try (Transport t = Remotes.open(cache, secondary, options.timeout())) {
                t.setRemoveDeletedRefs(true);
                t.setTagOpt(TagOpt.NO_TAGS);
                t.fetch(NullProgressMonitor.INSTANCE, List.of(new RefSpec("+refs/heads/*:" + prefix + "*")));
            }
            Map<String, ObjectId> refs = new TreeMap<>();
            for (Ref r : cache.getRefDatabase().getRefsByPrefix(prefix)) {
                refs.put(r.getName().substring(prefix.length()), r.getObjectId());
            }
            return refs;
        }
    }

    private static Map<String, ObjectId> heads(Map<String, ObjectId> refs, String prefix) {
        Map<String, ObjectId> heads = new TreeMap<>();
        refs.forEach((name, id) -> {
            if (name.startsWith(prefix)) {
                heads.put(name.substring(prefix.length()), id);
            }
        });
        return heads;
    }

    private List<SecondaryResult> pushAll(List<RepositoryEndpoint> secondaries, Map<String, ObjectId> desired,
                                          boolean deleteOthers) {
        if (secondaries.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(options.parallelism(),
                secondaries.size())), r -> {
                    Thread t = new Thread(r, "replication-push");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<SecondaryResult>> futures = new ArrayList<>();
            for (RepositoryEndpoint s : secondaries) {
                futures.add(pool.submit(() -> push(s, desired, deleteOthers)));
            }
            List<SecondaryResult> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                RepositoryEndpoint s = secondaries.get(i);
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    results.add(SecondaryResult.unreachable(s.region(), s.url().toString(), reason(e.getCause()), 0));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    results.add(SecondaryResult.unreachable(s.region(), s.url().toString(), "interrupted", 0));
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private SecondaryResult push(RepositoryEndpoint secondary, Map<String, ObjectId> desired, boolean deleteOthers) {
        long start = System.nanoTime();
        try (Transport t = Remotes.open(cache, secondary, options.timeout())) {
            List<RefPlanner.PlannedRef> plan = new RefPlanner(history)
                    .plan(desired, advertised(t), deleteOthers, options.force());
            List<RemoteRefUpdate> updates = new ArrayList<>();
            for (RefPlanner.PlannedRef p : plan) {
                if (p.pushes()) {
                    updates.add(update(p));
                }
            }
            Map<String, RemoteRefUpdate> sent = new HashMap<>();
            if (!updates.isEmpty()) {
                PushResult pushed = t.push(NullProgressMonitor.INSTANCE, updates);
                pushed.getRemoteUpdates().forEach(u -> sent.put(u.getRemoteName(), u));
            }
            List<RefResult> results = plan.stream()
                    .map(p -> p.pushes() ? outcome(p, sent.get(p.ref())) : p.result()).toList();
            return new SecondaryResult(secondary.region(), secondary.url().toString(), null, results, millisSince(start));
        } catch (IOException | RuntimeException e) {
            return SecondaryResult.unreachable(secondary.region(), secondary.url().toString(), reason(e), millisSince(start));
        }
    }

    /** The secondary's branches and tags, as its receive-pack advertises them (needs push rights only). */
    private static Map<String, ObjectId> advertised(Transport t) throws IOException {
        Map<String, ObjectId> refs = new TreeMap<>();
        try (PushConnection c = t.openPush()) {
            for (Ref r : c.getRefs()) {
                String name = r.getName();
                if ((name.startsWith(Constants.R_HEADS) || name.startsWith(Constants.R_TAGS)) && !name.endsWith("^{}")
                        && r.getObjectId() != null) {
                    refs.put(name, r.getObjectId());
                }
            }
        }
        return refs;
    }

    /** A compare-and-swap update: it fails rather than overwrite a ref that moved since we looked. */
    private RemoteRefUpdate update(RefPlanner.PlannedRef p) throws IOException {
        ObjectId expected = p.oldId() == null ? ObjectId.zeroId() : p.oldId();
        String source = p.newId() == null ? null : p.newId().name();
        return new RemoteRefUpdate(cache, source, p.ref(), p.forced(), null, expected);
    }

    private static RefResult outcome(RefPlanner.PlannedRef p, RemoteRefUpdate u) {
        if (u == null) {
            return p.result(RefOutcome.FAILED, "no report from the secondary");
        }
        return switch (u.getStatus()) {
            case OK -> p.result();
            case UP_TO_DATE -> p.result(RefOutcome.UP_TO_DATE, "");
            case NON_EXISTING -> p.result(RefOutcome.UP_TO_DATE, "already absent");
            case REJECTED_NONFASTFORWARD -> p.result(RefOutcome.DIVERGED, "not a fast-forward (--force replaces it)");
            case REJECTED_REMOTE_CHANGED -> p.result(RefOutcome.FAILED, "changed on the secondary during the run; run again");
            case REJECTED_NODELETE -> p.result(RefOutcome.FAILED, "the secondary refuses to delete it");
            case REJECTED_OTHER_REASON -> p.result(RefOutcome.FAILED,
                    u.getMessage() == null ? "refused by the secondary" : "refused by the secondary: " + u.getMessage());
            default -> p.result(RefOutcome.FAILED, "no report from the secondary (" + u.getStatus() + ")");
        };
    }

    private static MirrorReport report(RepositoryEndpoint primary, List<SecondaryResult> results, long start) {
        return new MirrorReport(primary.region(), primary.url().toString(), results, millisSince(start));
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** One line from an exception chain, without repeating messages that contain each other. */
    static String reason(Throwable e) {
        Set<String> parts = new LinkedHashSet<>();
        for (Throwable t = e; t != null && parts.size() < 4; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            if (parts.stream().noneMatch(p -> p.contains(m))) {
                parts.add(m);
            }
        }
        return String.join(": ", parts).replaceAll("\\s+", " ");
    }

    @Override
    public void close() {
        cache.close();
    }
}

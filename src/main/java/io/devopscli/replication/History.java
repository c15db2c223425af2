package io.devopscli.replication;

import java.io.IOException;
import java.util.Collection;
import java.util.Optional;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

/** Questions about commit ancestry, answered from the local cache. */
final class History {
    private final Repository repo;

    History(Repository repo) {
        this.repo = repo;
    }

    /** True when ancestor is reachable from descendant; false when either is not a commit we hold. */
    boolean isAncestor(ObjectId ancestor, ObjectId descendant) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            Optional<RevCommit> a = commit(walk, ancestor);
            Optional<RevCommit> d = commit(walk, descendant);
            return a.isPresent() && d.isPresent() && walk.isMergedInto(a.get(), d.get());
        }
    }

    /** Commits reachable from tip and not from base (base may be null or unknown here). */
    int count(ObjectId tip, ObjectId base) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            Optional<RevCommit> t = commit(walk, tip);
            if (t.isEmpty()) {
                return 0;
            }
            walk.markStart(t.get());
            if (base != null) {
                Optional<RevCommit> b = commit(walk, base);
                if (b.isPresent()) {
                    walk.markUninteresting(b.get());
                }
            }
            int n = 0;
            while (walk.next() != null) {
                n++;
            }
            return n;
        }
    }

    /** The commit time of the oldest commit reachable from tip and not from base; empty when there is none. */
    Optional<java.time.Instant> oldestCommitTime(ObjectId tip, ObjectId base) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            Optional<RevCommit> t = commit(walk, tip);
            if (t.isEmpty()) {
                return Optional.empty();
            }
            walk.markStart(t.get());
            if (base != null) {
                Optional<RevCommit> b = commit(walk, base);
                if (b.isPresent()) {
                    walk.markUninteresting(b.get());
                }
            }
            java.time.Instant oldest = null;
            for (RevCommit c = walk.next(); c != null; c = walk.next()) {
                java.time.Instant when = java.time.Instant.ofEpochSecond(c.getCommitTime());
                if (oldest == null || when.isBefore(oldest)) {
                    oldest = when;
                }
            }
            return Optional.ofNullable(oldest);
        }
    }

    /** True when the commit is reachable from one of the tips (branches or tags). */
    boolean reachableFromAny(ObjectId commit, Collection<ObjectId> tips) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            Optional<RevCommit> target = commit(walk, commit);
            if (target.isEmpty()) {
                return false;
            }
            for (ObjectId tip : tips) {
                Optional<RevCommit> t = commit(walk, tip);
                if (t.isPresent()) {
                    walk.markStart(t.get());
                }
            }
            for (RevCommit c = walk.next(); c != null; c = walk.next()) {
                if (c.equals(target.get())) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The commit an id names (peeling annotated tags), or empty when we lack it or it is no commit. */
    private static Optional<RevCommit> commit(RevWalk walk, ObjectId id) throws IOException {
        try {
            RevObject o = walk.peel(walk.parseAny(id));
            return o instanceof RevCommit c ? Optional.of(c) : Optional.empty();
        } catch (MissingObjectException e) {
            return Optional.empty();
        }
    }
}

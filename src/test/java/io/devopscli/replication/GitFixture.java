package io.devopscli.replication;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.time.ZoneOffset;
import java.util.function.IntFunction;
import java.util.TreeMap;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Writes commits, branches and tags straight into a bare repository (no work tree, no git binary). */
public final class GitFixture {
    private static int clock;

    private GitFixture() {
    }

    /** A commit on branch (created from `from` when it does not exist yet) that writes one file. */
    public static ObjectId commit(Repository repo, String branch, ObjectId from, String file, String content) throws IOException {
        return write(repo, branch, from, 1, i -> file, i -> content);
    }

    /** n commits on branch (created from `from` when new), each changing one of ten files. */
    public static ObjectId commits(Repository repo, String branch, ObjectId from, int n) throws IOException {
        String prefix = branch.replace('/', '-');
        return write(repo, branch, from, n, i -> prefix + "-" + (i % 10) + ".txt",
                i -> branch + " change " + i + " " + System.nanoTime());
    }

    /** Writes n commits in one go (one inserter, the ref set once): fast enough for thousands. */
    private static ObjectId write(Repository repo, String branch, ObjectId from, int n, IntFunction<String> file,
                                  IntFunction<String> content) throws IOException {
        Ref head = repo.exactRef(Constants.R_HEADS + branch);
        ObjectId parent = head != null ? head.getObjectId() : from;
        Map<String, ObjectId> files = new TreeMap<>();
        if (parent != null) {
            try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
                tree.addTree(walk.parseCommit(parent).getTree());
                while (tree.next()) {
                    files.put(tree.getPathString(), tree.getObjectId(0));
                }
            }
        }
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            for (int i = 0; i < n; i++) {
                String name = file.apply(i);
                files.put(name, inserter.insert(Constants.OBJ_BLOB, content.apply(i).getBytes(StandardCharsets.UTF_8)));
                TreeFormatter tree = new TreeFormatter();
                files.forEach((path, id) -> tree.append(path, FileMode.REGULAR_FILE, id));
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(inserter.insert(tree));
                if (parent != null) {
                    commit.setParentId(parent);
                }
                PersonIdent who = new PersonIdent("Test", "test@example.com",
                        Instant.ofEpochSecond(1_700_000_000L + (++clock)), ZoneOffset.UTC);
                commit.setAuthor(who);
                commit.setCommitter(who);
                commit.setMessage(branch + ": " + name + "\n");
                parent = inserter.insert(commit);
            }
            inserter.flush();
        }
        setRef(repo, Constants.R_HEADS + branch, parent);
        return parent;
    }

    public static void setRef(Repository repo, String ref, ObjectId id) throws IOException {
        RefUpdate u = repo.updateRef(ref);
        u.setNewObjectId(id);
        u.setForceUpdate(true);
        RefUpdate.Result r = u.update();
        if (r != RefUpdate.Result.NEW && r != RefUpdate.Result.FORCED && r != RefUpdate.Result.FAST_FORWARD
                && r != RefUpdate.Result.NO_CHANGE) {
            throw new IOException("cannot set " + ref + ": " + r);
        }
    }

    public static void deleteRef(Repository repo, String ref) throws IOException {
        RefUpdate u = repo.updateRef(ref);
        u.setForceUpdate(true);
        RefUpdate.Result r = u.delete();
        if (r != RefUpdate.Result.FORCED) {
            throw new IOException("cannot delete " + ref + ": " + r);
        }
    }

    /** An annotated tag object pointing at target, under refs/tags/name. */
    public static ObjectId annotatedTag(Repository repo, String name, ObjectId target) throws IOException {
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            TagBuilder tag = new TagBuilder();
            tag.setTag(name);
            tag.setObjectId(target, Constants.OBJ_COMMIT);
            tag.setTagger(new PersonIdent("Test", "test@example.com"));
            tag.setMessage("release " + name + "\n");
            ObjectId id = inserter.insert(tag);
            inserter.flush();
            setRef(repo, Constants.R_TAGS + name, id);
            return id;
        }
    }

    /** Every branch and tag: name to id. */
    public static Map<String, String> refs(Repository repo) throws IOException {
        Map<String, String> refs = new TreeMap<>();
        for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS, Constants.R_TAGS)) {
            refs.put(r.getName(), r.getObjectId().name());
        }
        return refs;
    }

    public static ObjectId head(Repository repo, String branch) throws IOException {
        Ref r = repo.exactRef(Constants.R_HEADS + branch);
        return r == null ? null : r.getObjectId();
    }

    /** Objects reachable from tip and not from base: what an incremental push has to send. */
    public static long newObjects(Repository repo, ObjectId tip, ObjectId base) throws IOException {
        try (ObjectWalk walk = new ObjectWalk(repo)) {
            walk.markStart(walk.parseCommit(tip));
            walk.markUninteresting(walk.parseCommit(base));
            long n = 0;
            for (RevCommit c = walk.next(); c != null; c = walk.next()) {
                n++;
            }
            while (walk.nextObject() != null) {
                n++;
            }
            return n;
        }
    }

    /** Commits reachable from every branch and tag. */
    public static long commitCount(Repository repo) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS, Constants.R_TAGS)) {
                walk.markStart(walk.parseCommit(r.getObjectId()));
            }
            long n = 0;
            while (walk.next() != null) {
                n++;
            }
            return n;
        }
    }
}

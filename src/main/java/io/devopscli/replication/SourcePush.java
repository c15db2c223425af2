package io.devopscli.replication;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;

/**
 * Commits the content of a directory as the next commit of one branch of a remote repository, over git
 * smart HTTP with JGit (no git binary, no work tree): the branch is fetched into a local bare cache, the
 * directory is written as a tree ({@link SourceTree}), and a commit on top of the branch (or the first
 * commit of an empty repository) is pushed with a compare-and-swap on the branch's old id. The same tree
 * as the branch's head makes no commit. A branch that moved on the server since it was fetched is
 * refused, never overwritten.
 *
 * <p>Two steps, {@link #prepare} and {@link #send}, so the window between them is visible (and testable).
 */
public final class SourcePush implements AutoCloseable {
    private final Repository cache;
    private final Duration timeout;

    private SourcePush(Repository cache, Duration timeout) {
        this.cache = cache;
        this.timeout = timeout;
    }

    /** Opens (or creates) the bare cache repository at dir; the replication cache can be shared. */
    public static SourcePush open(Path dir, Duration timeout) {
        return new SourcePush(Mirror.openCache(dir), timeout);
    }

    /**
     * What push would send: the new commit (not yet on the server) or, when the tree is the branch's
     * own, the branch head itself with nothing to send.
     *
     * @param parent the branch's head when fetched (null: the branch did not exist)
     */
    public record Prepared(String branch, ObjectId commit, ObjectId parent, int files, boolean unchanged) {}

    /** What happened: the commit the branch now points at, and whether it is new. */
    public record Outcome(String branch, String sha, String parent, int files, boolean created) {}

    /** Who the commit names as author and committer. */
    public record Author(String name, String email) {
        public static Author fromEnvironment(java.util.Map<String, String> env) {
            return new Author(env.getOrDefault("GIT_AUTHOR_NAME", "devops-cli"),
                    env.getOrDefault("GIT_AUTHOR_EMAIL", "devops-cli@users.noreply.localhost"));
        }
    }

    /** Fetches the branch, writes dir as a tree and, unless that is the branch's tree already, a commit. */
    public Prepared prepare(RepositoryEndpoint target, String branch, Path dir, String message, Author author) {
        String ref = Constants.R_HEADS + branch;
        if (!Repository.isValidRefName(ref)) {
            throw new IllegalArgumentException("'" + branch + "' is not a valid branch name");
        }
        Optional<ObjectId> head = fetchBranch(target, ref);
        try (ObjectInserter inserter = cache.newObjectInserter(); RevWalk walk = new RevWalk(cache)) {
            SourceTree.Written tree = SourceTree.write(inserter, dir);
            if (tree.tree() == null) {
                throw new ReplicationException(dir + " has no file to push (everything is ignored or it is empty)");
            }
            if (head.isPresent()) {
                RevCommit parent = walk.parseCommit(head.get());
                if (parent.getTree().getId().equals(tree.tree())) {
                    inserter.flush();
                    return new Prepared(branch, parent.getId(), parent.getId(), tree.files(), true);
                }
            }
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree.tree());
            head.ifPresent(commit::setParentId);
            PersonIdent who = new PersonIdent(author.name(), author.email());
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message.endsWith("\n") ? message : message + "\n");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return new Prepared(branch, id, head.orElse(null), tree.files(), false);
        } catch (IOException e) {
            throw new ReplicationException("cannot write " + dir + " as a commit: " + e.getMessage(), e);
        }
    }

    /** Pushes a prepared commit; the branch must still be where prepare found it. */
    public Outcome send(RepositoryEndpoint target, Prepared prepared) {
        String sha = prepared.commit().name();
        String parent = prepared.parent() == null ? null : prepared.parent().name();
        if (prepared.unchanged()) {
            return new Outcome(prepared.branch(), sha, parent, prepared.files(), false);
        }
        String ref = Constants.R_HEADS + prepared.branch();
        try (Transport t = Remotes.open(cache, target, timeout)) {
            ObjectId expected = prepared.parent() == null ? ObjectId.zeroId() : prepared.parent();
            RemoteRefUpdate update = new RemoteRefUpdate(cache, sha, ref, false, null, expected);
            PushResult result = t.push(NullProgressMonitor.INSTANCE, List.of(update));
            RemoteRefUpdate answer = result.getRemoteUpdate(ref);
            RemoteRefUpdate.Status status = answer == null ? null : answer.getStatus();
            if (status != RemoteRefUpdate.Status.OK && status != RemoteRefUpdate.Status.UP_TO_DATE) {
                throw new ReplicationException(refusal(target, prepared, answer));
            }
        } catch (IOException | org.eclipse.jgit.api.errors.JGitInternalException e) {
            throw new ReplicationException("cannot push to " + target + ": " + Mirror.reason(e), e);
        }
        // the cache follows the server, so the next push starts from this commit without a round trip wasted
        setLocal(ref, prepared.commit());
        return new Outcome(prepared.branch(), sha, parent, prepared.files(), true);
    }

    private static String refusal(RepositoryEndpoint target, Prepared prepared, RemoteRefUpdate answer) {
        String was = prepared.parent() == null ? "did not exist" : "was at " + prepared.parent().name();
        if (answer == null) {
            return "the server (" + target + ") did not report on " + prepared.branch() + "; nothing is known to be pushed";
        }
        return switch (answer.getStatus()) {
            case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> "refused: " + prepared.branch() + " on "
                    + target + " moved while pushing (it " + was + "); the push would not be a fast-forward, so "
                    + "nothing was overwritten. Run `devops-cli push` again to commit on top of the new head.";
            default -> "refused by " + target + " (" + answer.getStatus() + ")"
                    + (answer.getMessage() == null ? "" : ": " + answer.getMessage());
        };
    }

    /** Fetches refs/heads/branch into the cache; empty when the server has no such branch. */
    private Optional<ObjectId> fetchBranch(RepositoryEndpoint target, String ref) {
        try (Transport t = Remotes.open(cache, target, timeout)) {
            Ref advertised;
            try (FetchConnection c = t.openFetch()) {
                advertised = c.getRef(ref);
            }
            if (advertised == null || advertised.getObjectId() == null) {
                return Optional.empty();
            }
            t.setTagOpt(TagOpt.NO_TAGS);
            t.fetch(NullProgressMonitor.INSTANCE, List.of(new RefSpec("+" + ref + ":" + ref)));
            return Optional.of(advertised.getObjectId());
        } catch (IOException | RuntimeException e) {
            throw new ReplicationException("cannot fetch " + ref + " from " + target + ": " + Mirror.reason(e), e);
        }
    }

    private void setLocal(String ref, ObjectId id) {
        try {
            var update = cache.updateRef(ref);
            update.setNewObjectId(id);
            update.forceUpdate();
        } catch (IOException e) {
            // only the cache: the next push fetches the branch anyway
        }
    }

    @Override
    public void close() {
        cache.close();
    }
}

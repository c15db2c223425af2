package io.devopscli.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compare-and-swap of a push, against a real git server on loopback (JGit's GitServlet; the emulator's
 * CodeCommit has no git): a branch that moves on the server between fetch and push is refused with a
 * clear message and left as the other writer made it.
 */
class SourcePushTest {
    @TempDir
    Path dir;

    @Test
    void aPushThatWouldNotFastForwardIsRefused() throws Exception {
        try (GitHttpServer git = GitHttpServer.start(dir.resolve("server"))) {
            Repository remote = git.create("r/app");
            ObjectId base = GitFixture.commit(remote, "main", null, "a.txt", "a");
            Path app = Files.createDirectories(dir.resolve("app"));
            Files.writeString(app.resolve("b.txt"), "b");
            RepositoryEndpoint endpoint = new RepositoryEndpoint("us-east-1",
                    git.url("r/app"), GitCredentials.of(GitHttpServer.USER, GitHttpServer.PASSWORD));
            try (SourcePush push = SourcePush.open(dir.resolve("cache"), Duration.ofSeconds(30))) {
                SourcePush.Prepared prepared = push.prepare(endpoint, "main", app, "mine",
                        new SourcePush.Author("t", "t@example.com"));
                assertEquals(base, prepared.parent());
                ObjectId theirs = GitFixture.commit(remote, "main", null, "c.txt", "pushed meanwhile");

                ReplicationException e = assertThrows(ReplicationException.class, () -> push.send(endpoint, prepared));
                assertTrue(e.getMessage().contains("would not be a fast-forward"), e.getMessage());
                assertTrue(e.getMessage().contains("nothing was overwritten"), e.getMessage());
                assertEquals(theirs, GitFixture.head(remote, "main"), "the other writer's commit stays");

                SourcePush.Outcome again = push.send(endpoint, push.prepare(endpoint, "main", app, "mine",
                        new SourcePush.Author("t", "t@example.com")));
                assertTrue(again.created());
                assertEquals(theirs.name(), again.parent(), "the next push commits on top of the new head");
            }
        }
    }
}

package io.devopscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.AwsClients;
import io.devopscli.resources.lock.LockRecord;
import io.devopscli.resources.lock.ProjectLock;
import io.devopscli.resources.s3.BucketNames;
import io.devopscli.testing.Cli;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import io.devopscli.testing.RetryBounds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Filter;

/** The lock as operators meet it: up refusing or waiting, what does not lock, unlock, and down --purge. */
@EmulatorTest
@RetryBounds(boundMillis = 20_000, firstDelayMillis = 100)
class LockCommandsTest {
    private static final String PROJECT = "acme-shop";
    private static final String PRIMARY = "eu-west-1";

    @TempDir
    Path dir;
    private AwsClients primary;
    private Cli topo;

    @BeforeEach
    void setUp() throws Exception {
        Emulator.reset();
        primary = Emulator.clients(PRIMARY);
        topo = new Cli(dir, Cli.TWO_REGIONS);
    }

    @AfterEach
    void tearDown() {
        primary.close();
    }

    @Test
    void upRefusesAtOnceNamingTheHolderAndChangesNothing() {
        try (ProjectLock other = ProjectLock.acquire(primary, PROJECT, "down", Duration.ZERO, m -> { })) {
            Cli.Result up = topo.run("up", "--yes");
            assertEquals(1, up.code(), up.toString());
            assertTrue(up.err().contains(other.record().describe()), up.toString());
            assertTrue(up.err().contains("devops-cli unlock " + other.record().id()), up.toString());
            assertEquals(0, vpcs(PRIMARY), "nothing was created");

            // Reading never locks: a dry run and status work while another run holds the lock.
            assertEquals(0, topo.run("up", "--dry-run").code());
            Cli.Result status = topo.run("status", "-o", "json");
            assertTrue(status.code() == 0 || status.code() == 2, status.toString());
            assertEquals(Optional.of(other.record().id()), ProjectLock.holder(primary, PROJECT).map(LockRecord::id));
        }
    }

    @Test
    void upWaitsForTheLockUpToItsTimeout() throws Exception {
        ProjectLock other = ProjectLock.acquire(primary, PROJECT, "up", Duration.ZERO, m -> { });
        Thread releaser = new Thread(() -> {
            try {
                // Well after up's first plan (seconds against the emulator), so up meets the lock and waits.
                Thread.sleep(25_000);
            } catch (InterruptedException e) {
                return;
            }
            other.close();
        });
        releaser.start();
        Cli.Result up = topo.run("up", "--yes", "--lock-timeout", "2m");
        releaser.join();
        assertEquals(0, up.code(), up.toString());
        assertTrue(up.err().contains("waiting for the project lock"), up.toString());
        // that run held the lock while this one planned: its plan is read again under the lock
        assertTrue(up.err().contains("reading again"), up.toString());
        assertEquals(1, vpcs(PRIMARY));
        assertEquals(Optional.empty(), ProjectLock.holder(primary, PROJECT), "released at the end");
    }

    @Test
    void unlockRemovesTheNamedLockOnly() {
        ProjectLock dead = ProjectLock.acquire(primary, PROJECT, "up", Duration.ZERO, m -> { });
        Cli.Result wrong = topo.run("unlock", "not-the-id");
        assertEquals(1, wrong.code(), wrong.toString());
        assertEquals(Optional.of(dead.record().id()), ProjectLock.holder(primary, PROJECT).map(LockRecord::id));

        Cli.Result right = topo.run("unlock", dead.record().id());
        assertEquals(0, right.code(), right.toString());
        assertTrue(right.out().contains("Removed the lock " + dead.record().id()), right.toString());
        assertEquals(Optional.empty(), ProjectLock.holder(primary, PROJECT));
        assertTrue(topo.run("unlock").out().contains("No lock is held"));
        dead.close();
    }

    @Test
    void unlockHasHelpAndABadLockTimeoutIsAUsageError() {
        Cli.Result help = topo.run("unlock", "--help");
        assertEquals(0, help.code(), help.toString());
        assertTrue(help.out().contains("LOCK_ID"), help.toString());
        Cli.Result bad = topo.run("up", "--yes", "--lock-timeout", "soon");
        assertEquals(64, bad.code(), bad.toString());
    }

    @Test
    void downPurgeRemovesTheLocksBucket() {
        assertEquals(0, topo.run("up", "--yes").code());
        String bucket = BucketNames.lock(PROJECT, PRIMARY, primary.sts().getCallerIdentity().account());
        assertTrue(bucketExists(bucket), "up made the lock's bucket");
        Cli.Result down = topo.run("down", "--yes");
        assertEquals(0, down.code(), down.toString());
        assertTrue(bucketExists(bucket), "a plain down keeps it");
        Cli.Result purge = topo.run("down", "--yes", "--purge");
        assertEquals(0, purge.code(), purge.toString());
        assertTrue(!bucketExists(bucket), "down --purge removes it");
    }

    private boolean bucketExists(String bucket) {
        return primary.s3().listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket));
    }

    private static int vpcs(String region) {
        try (var clients = Emulator.clients(region)) {
            return clients.ec2().describeVpcs(r -> r.filters(Filter.builder().name("tag:devops-cli:project")
                    .values(PROJECT).build())).vpcs().size();
        }
    }
}

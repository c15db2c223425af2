package io.devopscli.resources.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Progress;
import io.devopscli.resources.s3.BucketNames;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import io.devopscli.testing.RetryBounds;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The project lock against the emulator's S3, which honours If-None-Match and If-Match as S3 does: taking,
 * waiting, stale takeover, renewal, unlock, and taking it as seen before a plan (unchanged or not).
 */
@EmulatorTest
@RetryBounds(boundMillis = 10_000, firstDelayMillis = 100)
class ProjectLockEmulatorTest {
    private static final String PROJECT = "lockproj";
    private static final String REGION = "eu-west-1";
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Progress progress = messages::add;
    private AwsClients clients;

    @BeforeEach
    void setUp() {
        Emulator.reset();
        ProjectLock.configure(Duration.ofMinutes(2), Duration.ofMillis(200));
        clients = Emulator.clients(REGION);
    }

    @AfterEach
    void tearDown() {
        ProjectLock.configure(Duration.ofMinutes(2), Duration.ofSeconds(2));
        clients.close();
    }

    @Test
    void aSecondRunIsRefusedAtOnceNamingTheHolder() {
        try (ProjectLock first = ProjectLock.acquire(clients, PROJECT, "up", Duration.ZERO, progress)) {
            LockHeldException refused = assertThrows(LockHeldException.class,
                    () -> ProjectLock.acquire(clients, PROJECT, "down", Duration.ZERO, progress));
            assertEquals(first.record().id(), refused.holder().id());
            assertTrue(refused.getMessage().contains("held by") && refused.getMessage().contains("for `up`")
                    && refused.getMessage().contains("devops-cli unlock " + first.record().id()), refused.getMessage());
            assertEquals(Optional.of(first.record().id()), ProjectLock.holder(clients, PROJECT).map(LockRecord::id));
        }
        assertEquals(Optional.empty(), ProjectLock.holder(clients, PROJECT), "released at the end");
    }

    /** The bucket a first run makes is tagged as ours by the time the lock is held (written alongside it). */
    @Test
    void theBucketAFirstRunMakesIsTaggedAsOursOnceTheLockIsHeld() {
        try (ProjectLock held = ProjectLock.acquire(clients, PROJECT, "up", Duration.ZERO, progress)) {
            String bucket = BucketNames.lock(PROJECT, REGION, clients.accountId());
            var tags = clients.s3().getBucketTagging(r -> r.bucket(bucket)).tagSet().stream()
                    .collect(java.util.stream.Collectors.toMap(t -> t.key(), t -> t.value()));
            assertTrue(io.devopscli.aws.Tags.isOwned(tags, PROJECT), tags.toString());
            assertEquals(PROJECT + "-lock", tags.get(io.devopscli.aws.Tags.NAME_KEY), tags.toString());
        }
    }

    @Test
    void aSecondRunWaitsUpToItsTimeoutAndGetsTheLockOnceReleased() throws Exception {
        ProjectLock first = ProjectLock.acquire(clients, PROJECT, "up", Duration.ZERO, progress);
        Thread releaser = new Thread(() -> {
            sleep(1500);
            first.close();
        });
        releaser.start();
        try (ProjectLock second = ProjectLock.acquire(clients, PROJECT, "up", Duration.ofSeconds(30), progress)) {
            assertEquals(Optional.of(second.record().id()), ProjectLock.holder(clients, PROJECT).map(LockRecord::id));
        }
        releaser.join();
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("waiting for the project lock")), messages.toString());
    }

    @Test
    void aStaleLockIsTakenOverWithAWarning() throws Exception {
        ProjectLock.configure(Duration.ofSeconds(1), Duration.ofMillis(200));
        ProjectLock.acquire(clients, PROJECT, "up", Duration.ZERO, progress).close(); // creates the bucket
        // A run that died without releasing: its object stays, and nobody renews it.
        String bucket = BucketNames.lock(PROJECT, REGION, clients.sts().getCallerIdentity().account());
        LockRecord dead = new LockRecord("dead-run", "bob", "gone-host", 4242, "up", "2026-01-01T00:00:00Z");
        clients.s3().putObject(r -> r.bucket(bucket).key(ProjectLock.KEY), RequestBody.fromString(dead.toJson()));
        sleep(2500);
        try (ProjectLock mine = ProjectLock.acquire(clients, PROJECT, "up", Duration.ZERO, progress)) {
            assertEquals(Optional.of(mine.record().id()), ProjectLock.holder(clients, PROJECT).map(LockRecord::id));
        }
        assertTrue(messages.stream().anyMatch(m -> m.contains("taking over a stale lock dead-run held by bob@gone-host")),
                messages.toString());
    }

    @Test
    void aLiveRunRenewsItsLockSoItNeverGoesStale() {
        ProjectLock.configure(Duration.ofSeconds(2), Duration.ofMillis(200));
        try (ProjectLock first = ProjectLock.acquire(clients, PROJECT, "up", Duration.ZERO, progress)) {
            sleep(4000); // twice the lease: without renewal it would be stale by now
            LockHeldException refused = assertThrows(LockHeldException.class,
                    () -> ProjectLock.acquire(clients, PROJECT, "up", Duration.ZERO, progress));
            assertEquals(first.record().id(), refused.holder().id());
        }
    }

    @Test
    void unlockRemovesOnlyTheLockItNames() {
        ProjectLock held = ProjectLock.acquire(clients, PROJECT, "up", Duration.ZERO, progress);
        assertThrows(IllegalArgumentException.class, () -> ProjectLock.forceUnlock(clients, PROJECT, Optional.of("other-id")));
        assertEquals(Optional.of(held.record().id()), ProjectLock.holder(clients, PROJECT).map(LockRecord::id));
        assertEquals(Optional.of(held.record().id()),
                ProjectLock.forceUnlock(clients, PROJECT, Optional.of(held.record().id())).map(LockRecord::id));
        assertEquals(Optional.empty(), ProjectLock.holder(clients, PROJECT));
        held.close(); // its release finds nothing of its own to delete, and says nothing is wrong
        assertEquals(Optional.empty(), ProjectLock.forceUnlock(clients, PROJECT, Optional.empty()));
    }

    @Test
    void deleteBucketRemovesTheLocksResource() {
        ProjectLock.acquire(clients, PROJECT, "up", Duration.ZERO, progress).close();
        String bucket = BucketNames.lock(PROJECT, REGION, clients.sts().getCallerIdentity().account());
        assertEquals(1, clients.s3().listBuckets().buckets().stream().filter(b -> b.name().equals(bucket)).count());
        ProjectLock.deleteBucket(clients, PROJECT);
        assertEquals(0, clients.s3().listBuckets().buckets().stream().filter(b -> b.name().equals(bucket)).count());
    }

    @Test
    void aLockTakenAsSeenBeforeThePlanSaysNothingChangedSince() {
        ProjectLock.Seen none = ProjectLock.seen(clients, PROJECT);
        assertFalse(none.bucketExists(), "a new project has no lock bucket yet");
        try (ProjectLock first = ProjectLock.acquire(clients, PROJECT, "up", Duration.ZERO, progress, none)) {
            assertTrue(first.unchangedSinceSeen());
        }
        ProjectLock.Seen released = ProjectLock.seen(clients, PROJECT);
        assertTrue(released.bucketExists() && released.etag() != null && !released.held(), released.toString());
        try (ProjectLock second = ProjectLock.acquire(clients, PROJECT, "up", Duration.ZERO, progress, released)) {
            assertTrue(second.unchangedSinceSeen());
            assertEquals(Optional.of(second.record().id()), ProjectLock.holder(clients, PROJECT).map(LockRecord::id));
        }
        assertEquals(Optional.empty(), ProjectLock.holder(clients, PROJECT), "released at the end");
    }

    @Test
    void aRunThatTookTheLockAfterThePlanBeganMakesTheNextOnePlanAgain() {
        ProjectLock.acquire(clients, PROJECT, "up", Duration.ZERO, progress).close();
        ProjectLock.Seen beforePlan = ProjectLock.seen(clients, PROJECT);
        // Another run takes the lock, changes things and releases it while this one reads its plan.
        ProjectLock.acquire(clients, PROJECT, "down", Duration.ZERO, progress).close();
        try (ProjectLock mine = ProjectLock.acquire(clients, PROJECT, "up", Duration.ZERO, progress, beforePlan)) {
            assertFalse(mine.unchangedSinceSeen(), "the lock moved on since it was seen: the plan must be read again");
            assertEquals(Optional.of(mine.record().id()), ProjectLock.holder(clients, PROJECT).map(LockRecord::id));
        }
    }

    @Test
    void aLockHeldWhenThePlanBeganIsNeverTakenAsUnchanged() throws Exception {
        ProjectLock other = ProjectLock.acquire(clients, PROJECT, "up", Duration.ZERO, progress);
        ProjectLock.Seen beforePlan = ProjectLock.seen(clients, PROJECT);
        assertTrue(beforePlan.held());
        Thread releaser = new Thread(() -> {
            sleep(500);
            other.close();
        });
        releaser.start();
        try (ProjectLock mine = ProjectLock.acquire(clients, PROJECT, "up", Duration.ofSeconds(30), progress, beforePlan)) {
            assertFalse(mine.unchangedSinceSeen(), "that run was changing things while the plan was read");
        }
        releaser.join();
    }

    @Test
    void aRunBetweenSeeingNoBucketAndTakingTheLockIsNoticed() {
        ProjectLock.Seen none = ProjectLock.seen(clients, PROJECT);
        ProjectLock.acquire(clients, PROJECT, "up", Duration.ZERO, progress).close(); // makes the bucket, runs
        try (ProjectLock mine = ProjectLock.acquire(clients, PROJECT, "up", Duration.ZERO, progress, none)) {
            assertFalse(mine.unchangedSinceSeen());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}

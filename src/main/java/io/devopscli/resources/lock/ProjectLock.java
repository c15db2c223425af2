package io.devopscli.resources.lock;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.AwsFailure;
import io.devopscli.aws.Tags;
import io.devopscli.engine.InParallel;
import io.devopscli.engine.Progress;
import io.devopscli.resources.s3.BucketNames;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * One run at a time per project: an S3 object in the primary region. Taking it is a conditional write
 * (If-None-Match: * when there is none, If-Match on the ETag of the released one), renewed while the run
 * lives (If-Match on its ETag), and at the end overwritten by a released marker rather than deleted: the
 * object's ETag then changes with every run that takes the lock, so a run that read it before planning
 * (see {@link #seen}) and takes it by a write conditional on that ETag knows no other run changed
 * anything since its plan's reads began, and applies that plan without reading everything again. Every
 * operator's run sees it, whatever machine it runs on. A lock not renewed for longer than the lease (by
 * S3's own clock, so client clocks do not matter) is stale: its holder died, and the next run takes it
 * over with a warning.
 */
public final class ProjectLock implements AutoCloseable {
    public static final String KEY = "devops-cli.lock";
    private static volatile Duration lease = Duration.ofMinutes(2);
    private static volatile Duration pollEvery = Duration.ofSeconds(2);

    private final S3Client s3;
    private final String bucket;
    private final LockRecord mine;
    private final Progress progress;
    private final ScheduledExecutorService renewer;
    private final Thread releaseOnExit;
    /** Taken by a write conditional on what {@link #seen} read: no run took the lock in between. */
    private final boolean unchangedSinceSeen;
    private volatile String etag;
    private volatile boolean released;

    private ProjectLock(S3Client s3, String bucket, LockRecord mine, String etag, Progress progress,
                        boolean unchangedSinceSeen) {
        this.unchangedSinceSeen = unchangedSinceSeen;
        this.s3 = s3;
        this.bucket = bucket;
        this.mine = mine;
        this.etag = etag;
        this.progress = progress;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "devops-cli-lock-renewer");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, lease.toMillis() / 4);
        renewer.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
        // Ctrl-C or a kill (not -9) still releases the lock, so the next run need not wait for the lease.
        this.releaseOnExit = new Thread(this::release, "devops-cli-lock-release");
        Runtime.getRuntime().addShutdownHook(releaseOnExit);
    }

    /** Tests shorten the lease to see a stale lock taken over in seconds. */
    public static void configure(Duration leaseDuration, Duration poll) {
        lease = leaseDuration;
        pollEvery = poll;
    }

    public static Duration lease() {
        return lease;
    }

    /**
     * What the lock object is now, read before a plan's reads begin. Taking the lock by a write conditional
     * on it ({@link #acquire(AwsClients, String, String, Duration, Progress, Seen)}) then proves that no other
     * run held or took the lock since, so nothing of ours changed while the plan was read.
     */
    public static Seen seen(AwsClients primary, String project) {
        String bucket = bucketName(primary, project);
        try {
            return read(primary.s3(), bucket).map(c -> new Seen(true, c.etag(), c.holder().isPresent()))
                    .orElse(new Seen(true, null, false));
        } catch (AwsFailure f) {
            if (f.code().equals("NoSuchBucket")) {
                return new Seen(false, null, false);
            }
            throw f;
        }
    }

    /** Takes the project's lock with nothing seen before: see the overload. */
    public static ProjectLock acquire(AwsClients primary, String project, String command, Duration timeout,
                                      Progress progress) {
        return acquire(primary, project, command, timeout, progress, Seen.UNKNOWN);
    }

    /**
     * Takes the project's lock, waiting up to timeout for another run to release it. The first write is
     * conditional on what was seen; when it goes through, {@link #unchangedSinceSeen()} is true.
     *
     * @throws LockHeldException naming the holder when the lock is still held after timeout
     */
    public static ProjectLock acquire(AwsClients primary, String project, String command, Duration timeout,
                                      Progress progress, Seen seen) {
        S3Client s3 = primary.s3();
        String bucket = bucketName(primary, project);
        // Nothing seen before (down's and failover's own look): read it now, one GET as the HEAD it replaces.
        boolean asSeen = seen.known() && !seen.held();
        Seen now = seen.known() ? seen : seen(primary, project);
        Supplier<Boolean> tagged = now.bucketExists() ? () -> true : makeBucket(primary, project, bucket);
        LockRecord me = new LockRecord(UUID.randomUUID().toString(), System.getProperty("user.name", "?"),
                hostName(), ProcessHandle.current().pid(), command, Instant.now().toString());
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean announced = false;
        // The ETag of the object we expect to overwrite; null: we expect none.
        String expected = now.held() ? null : now.etag();
        boolean firstTry = asSeen;
        while (true) {
            Optional<String> tag = conditionalPut(s3, bucket, me.toJson(), expected);
            if (tag.isPresent()) {
                ProjectLock lock = new ProjectLock(s3, bucket, me, tag.get(), progress, firstTry);
                try {
                    tagged.get();
                } catch (RuntimeException e) {
                    lock.close();
                    throw e;
                }
                return lock;
            }
            firstTry = false;
            Optional<Current> current = read(s3, bucket);
            if (current.isEmpty()) {
                expected = null; // released by a hand-run delete between our put and our read: try again
                continue;
            }
            Current c = current.get();
            if (c.holder().isEmpty()) {
                expected = c.etag(); // released: take it over by its ETag
                continue;
            }
            LockRecord holder = c.holder().get();
            if (holder.id().equals(me.id())) {
                // Our own put went through and only its answer was lost.
                return new ProjectLock(s3, bucket, me, c.etag(), progress, false);
            }
            if (c.age().compareTo(lease) > 0) {
                Optional<String> taken = conditionalPut(s3, bucket, me.toJson(), c.etag());
                if (taken.isPresent()) {
                    progress.info("warning: taking over a stale " + holder.describe() + ", not renewed for "
                            + c.age().toSeconds() + "s (lease " + lease.toSeconds() + "s): that run is gone");
                    return new ProjectLock(s3, bucket, me, taken.get(), progress, false);
                }
                continue; // someone else took it over first
            }
            if (System.nanoTime() >= deadline) {
                throw new LockHeldException("another run is changing " + project + ": " + holder.describe()
                        + (timeout.isZero() ? "" : "; waited " + timeout.toSeconds() + "s")
                        + ". Wait for it (--lock-timeout 10m), or if that run is dead, `devops-cli unlock "
                        + holder.id() + "`", holder);
            }
            if (!announced) {
                progress.info("waiting for the project lock: " + holder.describe());
                announced = true;
            }
            sleep(Math.min(pollEvery.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    /** The current holder, if any: read-only. */
    public static Optional<LockRecord> holder(AwsClients primary, String project) {
        String bucket = bucketName(primary, project);
        try {
            return read(primary.s3(), bucket).flatMap(Current::holder);
        } catch (AwsFailure f) {
            if (f.code().equals("NoSuchBucket")) {
                return Optional.empty();
            }
            throw f;
        }
    }

    /**
     * Removes the lock by hand (like terraform force-unlock). With an id, only when that is the lock
     * held, so a stale id never removes a newer run's lock.
     *
     * @return the lock removed, empty when none was held
     */
    public static Optional<LockRecord> forceUnlock(AwsClients primary, String project, Optional<String> id) {
        String bucket = bucketName(primary, project);
        Optional<Current> current;
        try {
            current = read(primary.s3(), bucket);
        } catch (AwsFailure f) {
            if (f.code().equals("NoSuchBucket")) {
                return Optional.empty();
            }
            throw f;
        }
        if (current.isEmpty() || current.get().holder().isEmpty()) {
            return Optional.empty();
        }
        LockRecord holder = current.get().holder().get();
        if (id.isPresent() && !id.get().equals(holder.id())) {
            throw new IllegalArgumentException("the lock held is " + holder.describe()
                    + ", not " + id.get() + ": nothing was removed");
        }
        // Released, not deleted: a run that planned before this sees the ETag change and plans again.
        markReleased(primary.s3(), bucket, holder, current.get().etag());
        return Optional.of(holder);
    }

    /** down --purge: the lock's bucket goes too (after this run's own lock was released). */
    public static void deleteBucket(AwsClients primary, String project) {
        String bucket = bucketName(primary, project);
        S3Client s3 = primary.s3();
        AwsCall.ignoringNotFound(() -> s3.deleteObject(r -> r.bucket(bucket).key(KEY)));
        AwsCall.ignoringNotFound(() -> s3.deleteBucket(r -> r.bucket(bucket)));
    }

    public LockRecord record() {
        return mine;
    }

    /**
     * Whether the lock was taken by a write conditional on what {@link #seen} read before the plan: no other
     * run held or took it since, so the plan's reads are still what our runs left.
     */
    public boolean unchangedSinceSeen() {
        return unchangedSinceSeen;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(releaseOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or will run: release below is idempotent
        }
        release();
    }

    private synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        renewer.shutdownNow();
        try {
            markReleased(s3, bucket, mine, etag);
        } catch (RuntimeException e) {
            progress.info("warning: could not release " + mine.describe() + " (" + e.getMessage()
                    + "); it goes stale after " + lease.toSeconds() + "s, or remove it with `devops-cli unlock "
                    + mine.id() + "`");
        }
    }

    private synchronized void renew() {
        if (released) {
            return;
        }
        try {
            Optional<String> next = conditionalPut(s3, bucket, mine.toJson(), etag);
            if (next.isPresent()) {
                etag = next.get();
            } else {
                progress.info("warning: " + mine.describe() + " was removed or taken over by another run");
            }
        } catch (RuntimeException e) {
            progress.info("warning: could not renew the project lock: " + e.getMessage());
        }
    }

    /**
     * A new project's lock bucket (seen missing), tagged as ours; one made since by another run is ours
     * too (BucketAlreadyOwnedByYou). The tagging goes alongside the lock's first write (one round trip
     * less on a first up): get() waits for it, and a failed one is the lock's failure.
     */
    private static Supplier<Boolean> makeBucket(AwsClients primary, String project, String bucket) {
        S3Client s3 = primary.s3();
        String region = primary.region();
        try {
            AwsCall.run(() -> s3.createBucket(r -> r.bucket(bucket).createBucketConfiguration(c -> {
                if (!region.equals("us-east-1")) {
                    c.locationConstraint(region); // us-east-1 is the one region that rejects it
                }
            })));
        } catch (AwsFailure f) {
            if (!f.code().equals("BucketAlreadyOwnedByYou")) {
                throw f;
            }
        }
        return InParallel.start(() -> {
            AwsCall.run(() -> s3.putBucketTagging(r -> r.bucket(bucket).tagging(t -> t.tagSet(
                    Tags.owned(project, project + "-lock").entrySet().stream().map(e ->
                            software.amazon.awssdk.services.s3.model.Tag.builder().key(e.getKey())
                                    .value(e.getValue()).build()).toList()))));
            return Boolean.TRUE;
        });
    }

    private static String bucketName(AwsClients primary, String project) {
        String account = primary.accountId();
        return BucketNames.lock(project, primary.region(), account);
    }

    /**
     * Writes the lock object only while it still has the ETag ifMatch (null: only while there is none): the
     * new ETag, or empty when the condition failed.
     */
    private static Optional<String> conditionalPut(S3Client s3, String bucket, String json, String ifMatch) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try {
            return Optional.of(AwsCall.call(() -> s3.putObject(r -> {
                r.bucket(bucket).key(KEY).contentType("application/json");
                if (ifMatch == null) {
                    r.ifNoneMatch("*");
                } else {
                    r.ifMatch(ifMatch);
                }
            }, RequestBody.fromBytes(body)).eTag()));
        } catch (AwsFailure f) {
            if (isConditionFailed(f)) {
                return Optional.empty();
            }
            throw f;
        }
    }

    /** Releases the lock held with this ETag: overwritten by a released marker, so its ETag moves on. */
    private static void markReleased(S3Client s3, String bucket, LockRecord holder, String etag) {
        conditionalPut(s3, bucket, holder.releasedJson(Instant.now().toString()), etag);
        // Empty: another run holds it now (it took over a lock it found stale), not ours to release.
    }

    /** 412 PreconditionFailed; 409 ConditionalRequestConflict when two writes race on S3. */
    private static boolean isConditionFailed(AwsFailure f) {
        return f.code().equals("PreconditionFailed") || f.code().equals("ConditionalRequestConflict");
    }

    /** The lock object, empty when there is none; an AwsFailure NoSuchBucket when its bucket is missing. */
    private static Optional<Current> read(S3Client s3, String bucket) {
        try {
            return Optional.of(current(AwsCall.call(() -> s3.getObjectAsBytes(r -> r.bucket(bucket).key(KEY)))));
        } catch (AwsFailure f) {
            if (f.code().equals("NoSuchKey")) {
                return Optional.empty();
            }
            throw f;
        }
    }

    private static Current current(ResponseBytes<GetObjectResponse> bytes) {
        GetObjectResponse r = bytes.response();
        Instant now = r.sdkHttpResponse().firstMatchingHeader("Date")
                .map(d -> ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())
                .orElseGet(Instant::now);
        Instant written = r.lastModified() == null ? now : r.lastModified();
        String json = bytes.asUtf8String();
        Optional<LockRecord> holder = LockRecord.isReleased(json) ? Optional.empty() : Optional.of(LockRecord.fromJson(json));
        return new Current(holder, r.eTag(), Duration.between(written, now));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the project lock", e);
        }
    }

    /**
     * The lock object as read: its holder (empty when released), its ETag (for conditional writes) and how
     * long since it was written.
     */
    private record Current(Optional<LockRecord> holder, String etag, Duration age) {}

    /**
     * The lock object as {@link #seen} read it before a plan: whether its bucket exists, its ETag (null when
     * there was no object) and whether a run held it.
     */
    public record Seen(boolean bucketExists, String etag, boolean held) {
        /** Nothing was read: the lock is taken as before (create the bucket if needed, then write if absent). */
        static final Seen UNKNOWN = new Seen(false, null, true);

        boolean known() {
            return this != UNKNOWN;
        }
    }
}

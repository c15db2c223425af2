package io.devopscli.resources.lock;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.AwsFailure;
import io.devopscli.aws.Tags;
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
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * One run at a time per project: an S3 object in the primary region, written only if absent
 * (If-None-Match: *), renewed while the run lives (If-Match on its ETag) and deleted at the end. Every
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
    private volatile String etag;
    private volatile boolean released;

    private ProjectLock(S3Client s3, String bucket, LockRecord mine, String etag, Progress progress) {
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
     * Takes the project's lock, waiting up to timeout for another run to release it.
     *
     * @throws LockHeldException naming the holder when the lock is still held after timeout
     */
    public static ProjectLock acquire(AwsClients primary, String project, String command, Duration timeout,
                                      Progress progress) {
        S3Client s3 = primary.s3();
        String bucket = ensureBucket(primary, project);
        LockRecord me = new LockRecord(UUID.randomUUID().toString(), System.getProperty("user.name", "?"),
                hostName(), ProcessHandle.current().pid(), command, Instant.now().toString());
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean announced = false;
        while (true) {
            Optional<String> tag = putIfAbsent(s3, bucket, me);
            if (tag.isPresent()) {
                return new ProjectLock(s3, bucket, me, tag.get(), progress);
            }
            Optional<Held> held = read(s3, bucket);
            if (held.isEmpty()) {
                continue; // released between our put and our read: try again at once
            }
            Held h = held.get();
            if (h.record().id().equals(me.id())) {
                // Our own put went through and only its answer was lost.
                return new ProjectLock(s3, bucket, me, h.etag(), progress);
            }
            if (h.age().compareTo(lease) > 0) {
                Optional<String> taken = replace(s3, bucket, me, h.etag());
                if (taken.isPresent()) {
                    progress.info("warning: taking over a stale " + h.record().describe() + ", not renewed for "
                            + h.age().toSeconds() + "s (lease " + lease.toSeconds() + "s): that run is gone");
                    return new ProjectLock(s3, bucket, me, taken.get(), progress);
                }
                continue; // someone else took it over first
            }
            if (System.nanoTime() >= deadline) {
                throw new LockHeldException("another run is changing " + project + ": " + h.record().describe()
                        + (timeout.isZero() ? "" : "; waited " + timeout.toSeconds() + "s")
                        + ". Wait for it (--lock-timeout 10m), or if that run is dead, `devops-cli unlock "
                        + h.record().id() + "`", h.record());
            }
            if (!announced) {
                progress.info("waiting for the project lock: " + h.record().describe());
                announced = true;
            }
            sleep(Math.min(pollEvery.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    /** The current holder, if any: read-only. */
    public static Optional<LockRecord> holder(AwsClients primary, String project) {
        String bucket = bucketName(primary, project);
        try {
            return read(primary.s3(), bucket).map(Held::record);
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
        Optional<Held> held;
        try {
            held = read(primary.s3(), bucket);
        } catch (AwsFailure f) {
            if (f.code().equals("NoSuchBucket")) {
                return Optional.empty();
            }
            throw f;
        }
        if (held.isEmpty()) {
            return Optional.empty();
        }
        if (id.isPresent() && !id.get().equals(held.get().record().id())) {
            throw new IllegalArgumentException("the lock held is " + held.get().record().describe()
                    + ", not " + id.get() + ": nothing was removed");
        }
        deleteIfMatch(primary.s3(), bucket, held.get().etag());
        return Optional.of(held.get().record());
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
            deleteIfMatch(s3, bucket, etag);
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
            Optional<String> next = replace(s3, bucket, mine, etag);
            if (next.isPresent()) {
                etag = next.get();
            } else {
                progress.info("warning: " + mine.describe() + " was removed or taken over by another run");
            }
        } catch (RuntimeException e) {
            progress.info("warning: could not renew the project lock: " + e.getMessage());
        }
    }

    private static String ensureBucket(AwsClients primary, String project) {
        String bucket = bucketName(primary, project);
        S3Client s3 = primary.s3();
        boolean exists = AwsCall.orEmpty(() -> s3.headBucket(r -> r.bucket(bucket))).isPresent();
        if (!exists) {
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
            AwsCall.run(() -> s3.putBucketTagging(r -> r.bucket(bucket).tagging(t -> t.tagSet(
                    Tags.owned(project, project + "-lock").entrySet().stream().map(e ->
                            software.amazon.awssdk.services.s3.model.Tag.builder().key(e.getKey())
                                    .value(e.getValue()).build()).toList()))));
        }
        return bucket;
    }

    private static String bucketName(AwsClients primary, String project) {
        String account = primary.accountId();
        return BucketNames.lock(project, primary.region(), account);
    }

    /** The new ETag, or empty when an object is already there. */
    private static Optional<String> putIfAbsent(S3Client s3, String bucket, LockRecord me) {
        return conditionalPut(s3, bucket, me, null);
    }

    /** Overwrites the object only while it still has this ETag: the new ETag, or empty if it changed. */
    private static Optional<String> replace(S3Client s3, String bucket, LockRecord me, String etag) {
        return conditionalPut(s3, bucket, me, etag);
    }

    private static Optional<String> conditionalPut(S3Client s3, String bucket, LockRecord me, String ifMatch) {
        byte[] body = me.toJson().getBytes(StandardCharsets.UTF_8);
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

    private static void deleteIfMatch(S3Client s3, String bucket, String etag) {
        try {
            AwsCall.ignoringNotFound(() -> s3.deleteObject(r -> r.bucket(bucket).key(KEY).ifMatch(etag)));
        } catch (AwsFailure f) {
            if (!isConditionFailed(f)) {
                throw f;
            }
            // Another run holds it now: not ours to remove.
        }
    }

    /** 412 PreconditionFailed; 409 ConditionalRequestConflict when two writes race on S3. */
    private static boolean isConditionFailed(AwsFailure f) {
        return f.code().equals("PreconditionFailed") || f.code().equals("ConditionalRequestConflict");
    }

    private static Optional<Held> read(S3Client s3, String bucket) {
        return AwsCall.orEmpty(() -> s3.getObjectAsBytes(r -> r.bucket(bucket).key(KEY))).map(ProjectLock::held);
    }

    private static Held held(ResponseBytes<GetObjectResponse> bytes) {
        GetObjectResponse r = bytes.response();
        Instant now = r.sdkHttpResponse().firstMatchingHeader("Date")
                .map(d -> ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())
                .orElseGet(Instant::now);
        Instant written = r.lastModified() == null ? now : r.lastModified();
        return new Held(LockRecord.fromJson(bytes.asUtf8String()), r.eTag(), Duration.between(written, now));
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

    /** The lock as read: its content, its ETag (for conditional writes) and how long since it was written. */
    private record Held(LockRecord record, String etag, Duration age) {}
}

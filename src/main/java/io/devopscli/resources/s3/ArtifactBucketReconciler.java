package io.devopscli.resources.s3;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.AwsFailure;
import io.devopscli.aws.Tags;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.InParallel;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import io.devopscli.engine.WaitFor;
import io.devopscli.engine.Waiter;
import io.devopscli.resources.AccountId;
import io.devopscli.resources.s3.BucketState.PublicAccess;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The pipeline's artifact bucket: versioned, encrypted by default with SSE-S3 (AES256), all public access
 * blocked, noncurrent versions expired after the spec's days. Found by its name and recognised as ours by
 * its ownership tag (GetBucketTagging); a same-named bucket without it is never adopted or deleted.
 * Publishes the bucket name. Holds the artifacts: down keeps it unless purging, and only then are its
 * objects deleted.
 *
 * <p>SSE-S3 rather than aws:kms with the AWS managed key: the managed key's policy cannot be edited, so
 * it restricts no one more than SSE-S3 does, but it adds KMS calls (cost, request quotas) and kms
 * permissions to every role that reads artifacts, and it cannot serve another account. A customer managed
 * key would be the step up, when cross-account deploys need one.
 */
public final class ArtifactBucketReconciler implements Reconciler<ArtifactBucketSpec, BucketState>,
        Updatable<ArtifactBucketSpec, BucketState> {
    static final String VERSIONING = "versioning";
    static final String ENCRYPTION = "encryption";
    static final String PUBLIC_ACCESS = "publicAccessBlock";
    static final String NONCURRENT_DAYS = "noncurrentVersionExpirationDays";
    static final String TAGS = "tags";
    static final String ENABLED = BucketVersioningStatus.ENABLED.toString();
    static final String AES256 = ServerSideEncryption.AES256.toString();
    static final String RULE_ID = "devops-cli-expire-noncurrent-versions";
    private static final Waiter WAIT = Waiter.upTo(Duration.ofMinutes(2));
    private static final String TAGS_MEMO = "s3/bucket-tags/";

    /** The bucket's name in this run's account and region; the graph builder needs it for the build policy. */
    public static String bucketName(ArtifactBucketSpec spec, RegionContext ctx) {
        return BucketNames.artifacts(spec.base(), ctx.region(), AccountId.of(ctx));
    }

    @Override
    public Optional<BucketState> observe(ArtifactBucketSpec spec, RegionContext ctx) {
        S3Client s3 = s3(ctx);
        String name = bucketName(spec, ctx);
        // NoSuchBucket and NoSuchTagSet are both 404s: absent, or not ours
        return observedTags(ctx, s3, name).filter(tags -> Tags.isOwned(tags, ctx.project()))
                .map(tags -> state(s3, name, tags, wantedTags(spec, ctx)));
    }

    @Override
    public List<FieldChange> diff(ArtifactBucketSpec spec, BucketState actual) {
        Map<String, String> ours = new LinkedHashMap<>();
        actual.wantedTags().keySet().forEach(k -> ours.put(k, actual.tags().get(k)));
        return new Diffs()
                .field(VERSIONING, ENABLED, actual.versioning())
                .field(ENCRYPTION, AES256, actual.encryption())
                .field(PUBLIC_ACCESS, PublicAccess.ALL_BLOCKED, actual.publicAccess())
                .field(NONCURRENT_DAYS, spec.noncurrentVersionExpirationDays(), actual.noncurrentVersionExpirationDays())
                // tags added by others (cost allocation ...) are theirs: only our two keys are compared
                .field(TAGS, new LinkedHashMap<>(actual.wantedTags()), ours)
                .toList();
    }

    /**
     * In us-east-1 CreateBucket answers 200 for a bucket the account already has, so it cannot tell ours
     * from a colleague's: the engine asks here first.
     */
    @Override
    public Optional<String> foreign(ArtifactBucketSpec spec, RegionContext ctx) {
        S3Client s3 = s3(ctx);
        String name = bucketName(spec, ctx);
        Optional<Map<String, String>> tags = observedTags(ctx, s3, name);
        boolean exists = tags.isPresent() || bucketExists(s3, name);
        return exists && !tags.map(t -> Tags.isOwned(t, ctx.project())).orElse(false) ? Optional.of(name) : Optional.empty();
    }

    @Override
    public BucketState create(ArtifactBucketSpec spec, RegionContext ctx) {
        S3Client s3 = s3(ctx);
        String name = bucketName(spec, ctx);
        Map<String, String> wanted = wantedTags(spec, ctx);
        // The plan found no bucket of this name, and no stranger's (foreign): create without looking again.
        boolean exists = false;
        try {
            AwsCall.run(() -> s3.createBucket(r -> r.bucket(name).createBucketConfiguration(c -> {
                if (!ctx.region().equals("us-east-1")) {
                    c.locationConstraint(ctx.region()); // us-east-1 is the one region that rejects it
                }
                c.tags(tagList(wanted));
            })));
        } catch (AwsFailure f) {
            if (f.code().equals("BucketAlreadyExists")) {
                throw new IllegalStateException("bucket " + name + " is taken by another AWS account");
            }
            if (!f.code().equals("BucketAlreadyOwnedByYou")) {
                throw f;
            }
            exists = true; // ours, made by an attempt whose answer was lost
        }
        ctx.forget(TAGS_MEMO + name);
        Map<String, String> present = exists ? tagsOf(s3, name).orElse(Map.of()) : Map.of();
        // The emulator ignores the tags of CreateBucket; on AWS this rewrites the same set. Right after the
        // create S3 may still answer NoSuchBucket for a moment: this first write retries on it, in place of
        // a HeadBucket poll before it.
        WaitFor.retrying("bucket " + name + " to exist", () -> {
            putTags(s3, name, present, wanted);
            return Boolean.TRUE;
        }).notYet("NoSuchBucket").within(WAIT).run(ctx.progress());
        // four independent settings, written at once
        List<Supplier<Boolean>> puts = List.of(
                InParallel.start(() -> { putVersioning(s3, name); return true; }),
                InParallel.start(() -> { putEncryption(s3, name); return true; }),
                InParallel.start(() -> { putPublicAccessBlock(s3, name); return true; }),
                InParallel.start(() -> { putLifecycle(s3, name, spec.noncurrentVersionExpirationDays()); return true; }));
        puts.forEach(Supplier::get);
        if (exists) {
            return state(s3, name, tagsOf(s3, name).orElse(Map.of()), wanted); // ours from an earlier run: read it
        }
        // a bucket made just now holds exactly what was put: no second look
        return new BucketState(name, wanted, ENABLED, AES256, PublicAccess.ALL_BLOCKED,
                Math.max(0, spec.noncurrentVersionExpirationDays()), false, wanted);
    }

    @Override
    public BucketState update(ArtifactBucketSpec spec, BucketState actual, List<FieldChange> changes, RegionContext ctx) {
        S3Client s3 = s3(ctx);
        String name = actual.name();
        for (FieldChange change : changes) {
            switch (change.field()) {
                case VERSIONING -> putVersioning(s3, name);
                case ENCRYPTION -> putEncryption(s3, name);
                case PUBLIC_ACCESS -> putPublicAccessBlock(s3, name);
                case NONCURRENT_DAYS -> putLifecycle(s3, name, spec.noncurrentVersionExpirationDays());
                case TAGS -> putTags(s3, name, actual.tags(), actual.wantedTags());
                default -> throw new IllegalStateException("bucket field " + change.field() + " cannot be updated");
            }
        }
        return state(s3, name, tagsOf(s3, name).orElse(Map.of()), actual.wantedTags());
    }

    /** Only under --purge (the engine keeps data holders otherwise): every version and marker, then the bucket. */
    @Override
    public void delete(BucketState actual, RegionContext ctx) {
        S3Client s3 = s3(ctx);
        String name = actual.name();
        // BucketNotEmpty: written to while we emptied it, so empty it again
        WaitFor.retrying("emptying and deleting bucket " + name, () -> {
            emptyBucket(s3, name);
            AwsCall.ignoringNotFound(() -> s3.deleteBucket(r -> r.bucket(name)));
            return Boolean.TRUE;
        }).notYet("BucketNotEmpty").within(WAIT).run(ctx.progress());
        WaitFor.gone("bucket " + name + " to be gone", () -> Optional.of(name).filter(n -> bucketExists(s3, n)))
                .within(WAIT).run(ctx.progress());
    }

    @Override
    public String id(BucketState actual) {
        return actual.name();
    }

    /** A bucket with objects (any version) holds artifacts; an empty one can go without --purge. */
    @Override
    public boolean holdsData(BucketState actual) {
        return actual.hasObjects();
    }

    private static void emptyBucket(S3Client s3, String name) {
        for (ListObjectVersionsResponse page : AwsCall.call(() -> s3.listObjectVersionsPaginator(r -> r.bucket(name))
                .stream().toList())) {
            List<ObjectIdentifier> batch = new java.util.ArrayList<>();
            page.versions().forEach(v -> batch.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
            page.deleteMarkers().forEach(m -> batch.add(ObjectIdentifier.builder().key(m.key()).versionId(m.versionId()).build()));
            // a page holds at most 1000 entries, DeleteObjects' limit
            if (!batch.isEmpty()) {
                var response = AwsCall.call(() -> s3.deleteObjects(r -> r.bucket(name)
                        .delete(d -> d.objects(batch).quiet(true))));
                if (!response.errors().isEmpty()) {
                    var e = response.errors().get(0);
                    throw new IllegalStateException("deleting " + e.key() + " from bucket " + name + ": "
                            + e.code() + ": " + e.message());
                }
            }
        }
    }

    private static Map<String, String> wantedTags(ArtifactBucketSpec spec, RegionContext ctx) {
        return Tags.owned(ctx.project(), BucketNames.full(spec.base(), ctx.region(), AccountId.of(ctx)));
    }

    /** PutBucketTagging replaces the whole set: others' tags are kept, ours are set. */
    private static void putTags(S3Client s3, String name, Map<String, String> present, Map<String, String> wanted) {
        Map<String, String> merged = new LinkedHashMap<>(present);
        merged.putAll(wanted);
        AwsCall.run(() -> s3.putBucketTagging(r -> r.bucket(name).tagging(t -> t.tagSet(tagList(merged)))));
    }

    private static void putVersioning(S3Client s3, String name) {
        AwsCall.run(() -> s3.putBucketVersioning(r -> r.bucket(name)
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED))));
    }

    private static void putEncryption(S3Client s3, String name) {
        AwsCall.run(() -> s3.putBucketEncryption(r -> r.bucket(name).serverSideEncryptionConfiguration(c -> c.rules(
                ServerSideEncryptionRule.builder().applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256))
                        .build()))));
    }

    private static void putPublicAccessBlock(S3Client s3, String name) {
        AwsCall.run(() -> s3.putPublicAccessBlock(r -> r.bucket(name).publicAccessBlockConfiguration(p -> p
                .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true))));
    }

    /** Our one rule; 0 days means none, and then the lifecycle configuration goes. */
    private static void putLifecycle(S3Client s3, String name, int days) {
        if (days <= 0) {
            AwsCall.ignoringNotFound(() -> s3.deleteBucketLifecycle(r -> r.bucket(name)));
            return;
        }
        LifecycleRule rule = LifecycleRule.builder().id(RULE_ID).status(ExpirationStatus.ENABLED)
                .filter(f -> f.prefix("")).noncurrentVersionExpiration(n -> n.noncurrentDays(days)).build();
        AwsCall.run(() -> s3.putBucketLifecycleConfiguration(r -> r.bucket(name).lifecycleConfiguration(l -> l.rules(rule))));
    }

    /** Observe's and foreign's shared lookup (see Reconciler.foreign); creates read afresh. */
    private static Optional<Map<String, String>> observedTags(RegionContext ctx, S3Client s3, String name) {
        return ctx.memo(TAGS_MEMO + name, () -> tagsOf(s3, name));
    }

    private static Optional<Map<String, String>> tagsOf(S3Client s3, String name) {
        return AwsCall.orEmpty(() -> s3.getBucketTagging(r -> r.bucket(name)).tagSet())
                .map(tags -> tags.stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b)));
    }

    private static boolean bucketExists(S3Client s3, String name) {
        return AwsCall.orEmpty(() -> s3.headBucket(r -> r.bucket(name))).isPresent();
    }

    /** Five reads, started at once: a bucket's state costs one round trip, not five. */
    private static BucketState state(S3Client s3, String name, Map<String, String> tags, Map<String, String> wanted) {
        Supplier<String> versioning = InParallel.start(() -> Optional.ofNullable(
                AwsCall.call(() -> s3.getBucketVersioning(r -> r.bucket(name))).statusAsString()).orElse("Off"));
        Supplier<String> encryption = InParallel.start(() -> AwsCall.orEmpty(() -> s3.getBucketEncryption(r -> r.bucket(name)))
                .flatMap(r -> r.serverSideEncryptionConfiguration().rules().stream().findFirst())
                .map(rule -> rule.applyServerSideEncryptionByDefault().sseAlgorithmAsString()).orElse("none"));
        Supplier<PublicAccess> access = InParallel.start(() -> AwsCall.orEmpty(() -> s3.getPublicAccessBlock(r -> r.bucket(name)))
                .map(r -> r.publicAccessBlockConfiguration())
                .map(p -> new PublicAccess(on(p.blockPublicAcls()), on(p.ignorePublicAcls()), on(p.blockPublicPolicy()),
                        on(p.restrictPublicBuckets())))
                .orElse(PublicAccess.NONE));
        Supplier<Integer> days = InParallel.start(() -> AwsCall.orEmpty(() -> s3.getBucketLifecycleConfiguration(r -> r.bucket(name)))
                .flatMap(r -> r.rules().stream().filter(rule -> RULE_ID.equals(rule.id())).findFirst())
                .filter(rule -> rule.status() == ExpirationStatus.ENABLED && rule.noncurrentVersionExpiration() != null)
                .map(rule -> rule.noncurrentVersionExpiration().noncurrentDays()).orElse(0));
        Supplier<ListObjectVersionsResponse> first = InParallel.start(() ->
                AwsCall.call(() -> s3.listObjectVersions(r -> r.bucket(name).maxKeys(1))));
        boolean hasObjects = first.get().hasVersions() && !first.get().versions().isEmpty()
                || first.get().hasDeleteMarkers() && !first.get().deleteMarkers().isEmpty();
        return new BucketState(name, tags, versioning.get(), encryption.get(), access.get(), days.get(), hasObjects, wanted);
    }

    private static boolean on(Boolean b) {
        return Boolean.TRUE.equals(b);
    }

    private static List<Tag> tagList(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static S3Client s3(RegionContext ctx) {
        return ctx.services(AwsClients.class).s3();
    }
}

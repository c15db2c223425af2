package io.devopscli.resources.s3;

import static io.devopscli.resources.EngineHarness.PROJECT;
import static io.devopscli.resources.EngineHarness.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.AwsClients;
import io.devopscli.aws.Tags;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.NodeResult;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.EngineHarness;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3.model.Tag;

@EmulatorTest
class ArtifactBucketReconcilerEmulatorTest {
    private static final String ACCOUNT = "123456789012"; // moto's default account
    private static final String NAME = PROJECT + "-artifacts-us-east-1-" + ACCOUNT;
    private static final ResourceKey KEY = key("s3/bucket", "artifacts");
    private static final ArtifactBucketSpec SPEC = new ArtifactBucketSpec(PROJECT + "-artifacts", 30);

    private EngineHarness harness;
    private S3Client s3;

    @BeforeEach
    void setUp() {
        Emulator.reset();
        harness = new EngineHarness(g -> g.add(KEY, new ArtifactBucketReconciler(), SPEC));
        s3 = harness.clients().s3();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void basicCreatesAVersionedEncryptedPrivateBucketWithTagsAndLifecycle() {
        harness.up();

        assertEquals(Tags.owned(PROJECT, NAME), tags(NAME));
        assertEquals(BucketVersioningStatus.ENABLED, s3.getBucketVersioning(r -> r.bucket(NAME)).status());
        assertEquals(ServerSideEncryption.AES256, s3.getBucketEncryption(r -> r.bucket(NAME)).serverSideEncryptionConfiguration()
                .rules().get(0).applyServerSideEncryptionByDefault().sseAlgorithm());
        var pab = s3.getPublicAccessBlock(r -> r.bucket(NAME)).publicAccessBlockConfiguration();
        assertTrue(pab.blockPublicAcls() && pab.ignorePublicAcls() && pab.blockPublicPolicy() && pab.restrictPublicBuckets());
        var rule = s3.getBucketLifecycleConfiguration(r -> r.bucket(NAME)).rules().get(0);
        assertEquals(30, rule.noncurrentVersionExpiration().noncurrentDays());
        assertEquals(Action.NOOP, EngineHarness.byKey(harness.plan()).get(KEY).action());
    }

    @Test
    void outsideUsEast1TheBucketIsCreatedInItsRegion() {
        try (AwsClients eu = Emulator.clients("eu-west-1")) {
            var ctx = Emulator.context("eu-west-1", PROJECT, eu);
            BucketState state = new ArtifactBucketReconciler().create(SPEC, ctx);

            assertEquals(PROJECT + "-artifacts-eu-west-1-" + ACCOUNT, state.name());
            assertEquals("eu-west-1", eu.s3().getBucketLocation(r -> r.bucket(state.name())).locationConstraintAsString());
            assertEquals(List.of(), new ArtifactBucketReconciler().diff(SPEC, state));
        }
    }

    @Test
    void idempotentSecondRunChangesNothing() {
        harness.assertSecondRunChangesNothing();
    }

    @Test
    void updateRestoresSettingsChangedOutOfBandAndKeepsOthersTags() {
        harness.up();
        s3.putBucketVersioning(r -> r.bucket(NAME).versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
        s3.putBucketEncryption(r -> r.bucket(NAME).serverSideEncryptionConfiguration(c -> c.rules(ServerSideEncryptionRule
                .builder().applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS)).build())));
        s3.deletePublicAccessBlock(r -> r.bucket(NAME));
        s3.putBucketTagging(r -> r.bucket(NAME).tagging(t -> t.tagSet(tag(Tags.OWNER_KEY, PROJECT), tag(Tags.NAME_KEY, "renamed"),
                tag("team", "payments"))));

        Change change = EngineHarness.byKey(harness.plan()).get(KEY);
        assertEquals(Action.UPDATE, change.action());
        assertEquals(List.of("versioning", "encryption", "publicAccessBlock", "tags"),
                change.fields().stream().map(FieldChange::field).toList());
        harness.up();

        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
        assertEquals(BucketVersioningStatus.ENABLED, s3.getBucketVersioning(r -> r.bucket(NAME)).status());
        assertEquals(Map.of(Tags.OWNER_KEY, PROJECT, Tags.NAME_KEY, NAME, "team", "payments"), tags(NAME));
    }

    @Test
    void updateFollowsTheSpecsExpiryDays() {
        harness.up();
        harness.desire(g -> g.add(KEY, new ArtifactBucketReconciler(), new ArtifactBucketSpec(PROJECT + "-artifacts", 7)));

        assertEquals(List.of(FieldChange.of("noncurrentVersionExpirationDays", 7, 30)),
                EngineHarness.byKey(harness.plan()).get(KEY).fields());
        harness.up();
        assertEquals(7, s3.getBucketLifecycleConfiguration(r -> r.bucket(NAME)).rules().get(0)
                .noncurrentVersionExpiration().noncurrentDays());
    }

    @Test
    void disappearsPlansExactlyOneCreate() {
        harness.up();
        s3.deleteBucket(r -> r.bucket(NAME));

        assertEquals(List.of(new Change(KEY, Action.CREATE, List.of())), EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void objectsAreDeletedOnlyByDownPurging() {
        harness.up();
        s3.putObject(r -> r.bucket(NAME).key("build/output.zip"), RequestBody.fromString("v1"));
        s3.putObject(r -> r.bucket(NAME).key("build/output.zip"), RequestBody.fromString("v2"));
        s3.putObject(r -> r.bucket(NAME).key("source/src.zip"), RequestBody.fromString("s"));
        s3.deleteObject(r -> r.bucket(NAME).key("source/src.zip")); // leaves a delete marker
        assertTrue(((BucketState) harness.plan().regions().get(0).observed().get(KEY)).hasObjects());

        // down without --purge: the bucket is a data holder, kept with every version
        assertEquals(Action.NOOP, EngineHarness.byKey(harness.planDestroy()).get(KEY).action());
        harness.down();
        var versions = s3.listObjectVersions(r -> r.bucket(NAME));
        assertEquals(3, versions.versions().size());
        assertEquals(1, versions.deleteMarkers().size());

        assertEquals(Action.DELETE, EngineHarness.byKey(harness.planDestroy(true)).get(KEY).action());
        harness.downPurging();
        assertFalse(s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(NAME)));
        assertEquals(List.of(), EngineHarness.mutations(harness.planDestroy(true)));
    }

    @Test
    void anEmptyBucketHoldsNoDataSoDownDeletesIt() {
        harness.up();
        assertFalse(((BucketState) harness.plan().regions().get(0).observed().get(KEY)).hasObjects());
        assertEquals(Action.DELETE, EngineHarness.byKey(harness.planDestroy()).get(KEY).action());
        harness.down();
        assertFalse(s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(NAME)));
    }

    @Test
    void aSameNamedBucketWithoutOurTagIsNeitherAdoptedNorTouched() {
        s3.createBucket(r -> r.bucket(NAME));
        s3.putObject(r -> r.bucket(NAME).key("theirs.txt"), RequestBody.fromString("x"));

        assertEquals(Action.CREATE, EngineHarness.byKey(harness.plan()).get(KEY).action());
        NodeResult result = harness.apply(harness.plan()).results().get(0);
        assertEquals(NodeResult.Outcome.FAILED, result.outcome());
        assertTrue(result.message().contains("exists and is not owned by devops-cli"), result.message());

        assertEquals(List.of(), EngineHarness.mutations(harness.planDestroy(true)));
        harness.downPurging();
        assertEquals(1, s3.listObjectsV2(r -> r.bucket(NAME)).keyCount());
        assertEquals(Map.of(), tags(NAME), "no tags were put on it");
        assertTrue(s3.getBucketVersioning(r -> r.bucket(NAME)).status() == null, "nor versioning");
    }

    @Test
    void aBucketTaggedForAnotherProjectIsNotOurs() {
        s3.createBucket(r -> r.bucket(NAME));
        s3.putBucketTagging(r -> r.bucket(NAME).tagging(t -> t.tagSet(tag(Tags.OWNER_KEY, "other"), tag(Tags.NAME_KEY, NAME))));

        assertEquals(Action.CREATE, EngineHarness.byKey(harness.plan()).get(KEY).action());
        assertEquals(NodeResult.Outcome.FAILED, harness.apply(harness.plan()).results().get(0).outcome());
        assertEquals("other", tags(NAME).get(Tags.OWNER_KEY));
    }

    private Map<String, String> tags(String bucket) {
        try {
            return s3.getBucketTagging(r -> r.bucket(bucket)).tagSet().stream().collect(Collectors.toMap(Tag::key, Tag::value));
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return Map.of();
            }
            throw e;
        }
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}

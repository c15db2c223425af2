package io.devopscli.resources.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.aws.Tags;
import io.devopscli.engine.FieldChange;
import io.devopscli.resources.s3.BucketState.PublicAccess;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArtifactBucketDiffTest {
    private static final ArtifactBucketSpec SPEC = new ArtifactBucketSpec("p-artifacts", 30);
    private static final Map<String, String> OURS = Tags.owned("p", "p-artifacts-us-east-1-1");
    private static final BucketState GOOD = new BucketState("p-artifacts-us-east-1-1", OURS, "Enabled", "AES256",
            PublicAccess.ALL_BLOCKED, 30, false, OURS);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("as wanted", (UnaryOperator<BucketState>) s -> s, List.of()),
                Arguments.of("versioning suspended", (UnaryOperator<BucketState>) s -> with(s, "Suspended", "AES256",
                        PublicAccess.ALL_BLOCKED, 30, OURS), List.of("versioning")),
                Arguments.of("kms instead of AES256", (UnaryOperator<BucketState>) s -> with(s, "Enabled", "aws:kms",
                        PublicAccess.ALL_BLOCKED, 30, OURS), List.of("encryption")),
                Arguments.of("one switch off", (UnaryOperator<BucketState>) s -> with(s, "Enabled", "AES256",
                        new PublicAccess(true, true, false, true), 30, OURS), List.of("publicAccessBlock")),
                Arguments.of("rule gone", (UnaryOperator<BucketState>) s -> with(s, "Enabled", "AES256",
                        PublicAccess.ALL_BLOCKED, 0, OURS), List.of("noncurrentVersionExpirationDays")),
                Arguments.of("someone's extra tag is not drift", (UnaryOperator<BucketState>) s -> with(s, "Enabled", "AES256",
                        PublicAccess.ALL_BLOCKED, 30, Map.of(Tags.OWNER_KEY, "p", Tags.NAME_KEY, "p-artifacts-us-east-1-1",
                                "team", "x")), List.of()),
                Arguments.of("Name tag changed", (UnaryOperator<BucketState>) s -> with(s, "Enabled", "AES256",
                        PublicAccess.ALL_BLOCKED, 30, Map.of(Tags.OWNER_KEY, "p", Tags.NAME_KEY, "other")), List.of("tags")),
                Arguments.of("everything off", (UnaryOperator<BucketState>) s -> with(s, "Off", "none", PublicAccess.NONE, 0, OURS),
                        List.of("versioning", "encryption", "publicAccessBlock", "noncurrentVersionExpirationDays")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diff(String name, UnaryOperator<BucketState> actual, List<String> fields) {
        List<FieldChange> changes = new ArtifactBucketReconciler().diff(SPEC, actual.apply(GOOD));
        assertEquals(fields, changes.stream().map(FieldChange::field).toList());
        changes.forEach(c -> assertEquals(false, c.immutable(), c.field() + " is mutable"));
    }

    private static BucketState with(BucketState s, String versioning, String encryption, PublicAccess access, int days,
                                    Map<String, String> tags) {
        return new BucketState(s.name(), tags, versioning, encryption, access, days, s.hasObjects(), s.wantedTags());
    }
}

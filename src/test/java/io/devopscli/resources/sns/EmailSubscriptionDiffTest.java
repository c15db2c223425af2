package io.devopscli.resources.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.engine.FieldChange;
import io.devopscli.engine.ResourceKey;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailSubscriptionDiffTest {
    private static final ResourceKey TOPIC = new ResourceKey("us-east-1", "sns/topic", "approval");
    private final EmailSubscriptionReconciler reconciler = new EmailSubscriptionReconciler();

    @ParameterizedTest(name = "desired {0}, actual {1} ({2}) -> {3}")
    @CsvSource({
            "ops@example.com, ops@example.com, arn:aws:sns:us-east-1:1:t:abc, ''",
            "ops@example.com, ops@example.com, PendingConfirmation,           ''",
            "new@example.com, ops@example.com, arn:aws:sns:us-east-1:1:t:abc, endpoint",
            "new@example.com, ops@example.com, PendingConfirmation,           endpoint"})
    void pendingIsNotDriftAndANewAddressReplaces(String desired, String actual, String arn, String field) {
        List<FieldChange> changes = reconciler.diff(new EmailSubscriptionSpec(TOPIC, desired),
                new EmailSubscriptionState("arn:aws:sns:us-east-1:1:t", actual, arn,
                        EmailSubscriptionReconciler.isPending(arn)));
        assertEquals(field.isEmpty() ? List.of() : List.of(FieldChange.immutable(field, desired, actual)), changes);
    }

    @ParameterizedTest
    @CsvSource({"PendingConfirmation, true", "pending confirmation, true", "arn:aws:sns:us-east-1:1:t:abc, false"})
    void pendingIsWhateverIsNotAnArn(String arn, boolean pending) {
        assertEquals(pending, EmailSubscriptionReconciler.isPending(arn));
    }
}

package io.devopscli.resources.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.engine.FieldChange;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicReconcilerDiffTest {
    private final TopicReconciler reconciler = new TopicReconciler();

    @ParameterizedTest(name = "desired ''{0}'', actual ''{1}'' -> {2}")
    @CsvSource({
            "p approval, p approval, false",
            "p approval, other,      true",
            "p approval, '',         true",
            "'',         '',         false"})
    void displayNameIsTheOneMutableField(String desired, String actual, boolean changed) {
        List<FieldChange> changes = reconciler.diff(new TopicSpec("p-approval", desired),
                new TopicState("p-approval", "arn:aws:sns:us-east-1:1:p-approval", actual));
        assertEquals(changed ? List.of(FieldChange.of("displayName", desired, actual)) : List.of(), changes);
    }
}

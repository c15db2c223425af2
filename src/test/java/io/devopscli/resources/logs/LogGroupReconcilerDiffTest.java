package io.devopscli.resources.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.engine.FieldChange;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogGroupReconcilerDiffTest {
    private final LogGroupReconciler reconciler = new LogGroupReconciler();

    @ParameterizedTest(name = "desired {0} days, actual {1} -> {2}")
    @CsvSource({
            "7, 7, ''",
            "7, 30, retentionDays",
            "30, 0, retentionDays",
            "0, 0, ''",
            "0, 14, retentionDays"})
    void retentionIsTheOneMutableField(int desired, int actual, String changedField) {
        List<FieldChange> changes = reconciler.diff(new LogGroupSpec("/g", desired),
                new LogGroupState("/g", "arn:aws:logs:us-east-1:1:log-group:/g", actual));
        if (changedField.isEmpty()) {
            assertEquals(List.of(), changes);
        } else {
            assertEquals(List.of(FieldChange.of(changedField, desired, actual)), changes);
        }
    }
}

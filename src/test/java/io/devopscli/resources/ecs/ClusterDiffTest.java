package io.devopscli.resources.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.engine.FieldChange;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterDiffTest {

    @ParameterizedTest(name = "desired {0}, actual {1}")
    @CsvSource({"enabled, enabled, false", "enabled, disabled, true", "enabled, enhanced, true",
            "disabled, disabled, false"})
    void containerInsightsIsTheOneMutableField(String desired, String actual, boolean drift) {
        List<FieldChange> changes = new ClusterReconciler().diff(new ClusterSpec("p-cluster", desired),
                new ClusterState("p-cluster", "arn:aws:ecs:us-east-1:1:cluster/p-cluster", "ACTIVE", actual));
        assertEquals(drift ? List.of(FieldChange.of("containerInsights", desired, actual)) : List.of(), changes);
    }
}

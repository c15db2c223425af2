package io.devopscli.resources.codecommit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.engine.FieldChange;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepositoryReconcilerDiffTest {
    private final RepositoryReconciler reconciler = new RepositoryReconciler();

    @ParameterizedTest(name = "desired ''{0}'', actual ''{1}'' -> {2}")
    @CsvSource({
            "Source, Source, ''",
            "Source, Other, description",
            "Source, '', description"})
    void descriptionIsTheOneMutableField(String desired, String actual, String changed) {
        List<FieldChange> changes = reconciler.diff(new RepositorySpec("r", desired),
                new RepositoryState("r", "arn:aws:codecommit:us-east-1:1:r", actual, "https://x", null));
        assertEquals(changed.isEmpty() ? List.of() : List.of(FieldChange.of(changed, desired, actual)), changes);
    }

    @Test
    void theMarkerIsAddedAndStrippedForOneProjectOnly() {
        String stored = RepositoryOwnership.marked("Source", "p1");
        assertEquals("Source [devops-cli:project=p1]", stored);
        assertEquals("Source", RepositoryOwnership.unmarked(stored, "p1"));
        assertEquals(stored, RepositoryOwnership.unmarked(stored, "p2"));
        assertEquals("", RepositoryOwnership.unmarked(null, "p1"));
    }

    @Test
    void holdsData() {
        assertEquals(true, reconciler.holdsData());
    }
}

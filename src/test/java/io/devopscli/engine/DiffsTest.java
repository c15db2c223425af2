package io.devopscli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A value the API did not return is unknown: it never forces a replacement. */
class DiffsTest {
    @Test
    void anImmutableFieldTheApiLeftOutIsNoChange() {
        assertEquals(List.of(), new Diffs().immutable("allocation", "eipalloc-1", null).toList());
    }

    @Test
    void anImmutableFieldThatDiffersStillForcesReplacement() {
        assertEquals(List.of(FieldChange.immutable("allocation", "eipalloc-1", "eipalloc-2")),
                new Diffs().immutable("allocation", "eipalloc-1", "eipalloc-2").toList());
    }
}

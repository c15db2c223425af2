package io.devopscli.resources.ec2;

import io.devopscli.engine.FieldChange;
import java.util.List;

/** Field changes as one line each, "field: desired <- actual", with "!" marking an immutable field. */
final class DiffFormat {
    private DiffFormat() {
    }

    static List<String> of(List<FieldChange> changes) {
        return changes.stream()
                .map(c -> c.field() + (c.immutable() ? "!" : "") + ": " + c.desired() + " <- " + c.actual())
                .toList();
    }
}

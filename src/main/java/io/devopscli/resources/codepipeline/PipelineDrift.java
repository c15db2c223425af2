package io.devopscli.resources.codepipeline;

import io.devopscli.engine.FieldChange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Compares two declarations field by field and names each difference by where it is:
 * "stages[DeployStaging].actions[Deploy].configuration.ServiceName". A stage or action present on one
 * side only shows once, in its parent's list ("stages", "stages[Build].actions"), not field by field.
 */
final class PipelineDrift {
    static final String ABSENT = "(absent)";

    private PipelineDrift() {
    }

    static List<FieldChange> diff(PipelineShape desired, PipelineShape actual) {
        List<FieldChange> changes = new ArrayList<>();
        field(changes, "roleArn", desired.roleArn(), actual.roleArn());
        field(changes, "artifactStore", desired.artifactStoreType() + " " + desired.artifactStoreLocation(),
                actual.artifactStoreType() + " " + actual.artifactStoreLocation());
        field(changes, "pipelineType", desired.pipelineType(), actual.pipelineType());
        field(changes, "stages", names(desired.stages().stream().map(PipelineShape.Stage::name).toList()),
                names(actual.stages().stream().map(PipelineShape.Stage::name).toList()));
        for (PipelineShape.Stage want : desired.stages()) {
            stage(actual, want.name()).ifPresent(have -> stage(changes, want, have));
        }
        return List.copyOf(changes);
    }

    private static void stage(List<FieldChange> changes, PipelineShape.Stage want, PipelineShape.Stage have) {
        String at = "stages[" + want.name() + "]";
        field(changes, at + ".actions", names(want.actions().stream().map(PipelineShape.Action::name).toList()),
                names(have.actions().stream().map(PipelineShape.Action::name).toList()));
        for (PipelineShape.Action a : want.actions()) {
            have.actions().stream().filter(b -> b.name().equals(a.name())).findFirst()
                    .ifPresent(b -> action(changes, at + ".actions[" + a.name() + "]", a, b));
        }
    }

    private static void action(List<FieldChange> changes, String at, PipelineShape.Action want, PipelineShape.Action have) {
        field(changes, at + ".actionType", want.type(), have.type());
        field(changes, at + ".runOrder", want.runOrder(), have.runOrder());
        field(changes, at + ".inputArtifacts", names(want.inputArtifacts()), names(have.inputArtifacts()));
        field(changes, at + ".outputArtifacts", names(want.outputArtifacts()), names(have.outputArtifacts()));
        Set<String> keys = new LinkedHashSet<>(want.configuration().keySet());
        keys.addAll(have.configuration().keySet());
        for (String key : keys) {
            field(changes, at + ".configuration." + key, value(want.configuration(), key), value(have.configuration(), key));
        }
    }

    private static Optional<PipelineShape.Stage> stage(PipelineShape shape, String name) {
        return shape.stages().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static String value(Map<String, String> configuration, String key) {
        return configuration.getOrDefault(key, ABSENT);
    }

    private static String names(List<String> names) {
        return "[" + String.join(", ", names) + "]";
    }

    private static void field(List<FieldChange> changes, String name, Object desired, Object actual) {
        if (!Objects.equals(desired, actual)) {
            changes.add(FieldChange.of(name, desired, actual == null ? ABSENT : actual));
        }
    }
}

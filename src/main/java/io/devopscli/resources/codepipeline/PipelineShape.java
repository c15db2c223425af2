package io.devopscli.resources.codepipeline;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The part of a pipeline declaration this tool manages, as plain data: what diff compares and what
 * create and update send. Fields AWS adds or we never set (variables, triggers, execution mode, stage
 * conditions) are not in it.
 */
public record PipelineShape(String roleArn, String artifactStoreType, String artifactStoreLocation,
                            String pipelineType, List<Stage> stages) {
    public PipelineShape {
        stages = List.copyOf(stages);
    }

    public record Stage(String name, List<Action> actions) {
        public Stage {
            actions = List.copyOf(actions);
        }
    }

    /** configuration is sorted by key, so two equal maps print alike. */
    public record Action(String name, String category, String owner, String provider, String version, int runOrder,
                         Map<String, String> configuration, List<String> inputArtifacts, List<String> outputArtifacts) {
        public Action {
            configuration = new TreeMap<>(configuration);
            inputArtifacts = List.copyOf(inputArtifacts);
            outputArtifacts = List.copyOf(outputArtifacts);
        }

        /** "Build/AWS/CodeBuild/1", the way the console names an action's type. */
        public String type() {
            return category + "/" + owner + "/" + provider + "/" + version;
        }
    }
}

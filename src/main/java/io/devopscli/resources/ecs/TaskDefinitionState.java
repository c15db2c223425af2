package io.devopscli.resources.ecs;

/**
 * The latest ACTIVE revision of an owned family as observed. image is what that revision runs (the
 * pipeline's latest build), kept when a new revision is registered. tagged is false when the latest
 * revision lacks our tags (the pipeline's deploy registered it; an older revision of the family carries
 * them): the pipeline's revisions are its own, so that is not drift. wanted holds the parents' ids
 * as they were when observed, so diff stays pure. newRevisionDue tells dependents (the service) that this
 * run registers a new revision, so they can move to it in the same run.
 */
public record TaskDefinitionState(String arn, String family, int revision, String image, TaskShape shape,
                                  boolean tagged, Wanted wanted, boolean newRevisionDue) {

    /** The ids of the parents the spec names; "(to be created)" for one that does not exist yet. */
    public record Wanted(String region, String logGroup, String executionRoleArn, String taskRoleArn,
                         java.util.Map<String, String> secrets) {
        public Wanted {
            secrets = java.util.Map.copyOf(secrets);
        }

        public Wanted(String region, String logGroup, String executionRoleArn, String taskRoleArn) {
            this(region, logGroup, executionRoleArn, taskRoleArn, java.util.Map.of());
        }
    }

    TaskDefinitionState withNewRevisionDue(boolean due) {
        return new TaskDefinitionState(arn, family, revision, image, shape, tagged, wanted, due);
    }
}

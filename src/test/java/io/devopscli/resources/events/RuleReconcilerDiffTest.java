package io.devopscli.resources.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.engine.FieldChange;
import io.devopscli.engine.ResourceKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleReconcilerDiffTest {
    private static final String REPO = "arn:aws:codecommit:us-east-1:1:p-repo";
    private static final String PIPELINE = "arn:aws:codepipeline:us-east-1:1:p-pipeline";
    private static final String ROLE = "arn:aws:iam::1:role/p-events-us-east-1";
    private static final RuleSpec SPEC = new RuleSpec("p-push-to-pipeline", key("codecommit/repository", "repo"), "main",
            key("codepipeline/pipeline", "main"), key("iam/role", "events"));
    private static final RuleTarget OURS = new RuleTarget("pipeline", PIPELINE, ROLE);

    private final RuleReconciler reconciler = new RuleReconciler();

    @Test
    void thePatternMatchesBranchPushesToTheRepository() {
        assertEquals(PushPattern.parse("""
                {"source":["aws.codecommit"],"detail-type":["CodeCommit Repository State Change"],
                 "resources":["arn:aws:codecommit:us-east-1:1:p-repo"],
                 "detail":{"event":["referenceCreated","referenceUpdated"],"referenceType":["branch"],
                           "referenceName":["main"]}}"""), PushPattern.of(REPO, "main"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "same                          | ''",
            "pattern reformatted reordered | ''",
            "other branch                  | eventPattern",
            "other repository              | eventPattern",
            "disabled                      | state",
            "other pipeline                | targets",
            "other role                    | targets",
            "extra target                  | targets",
            "no target                     | targets",
            "disabled other branch         | eventPattern state"})
    void patternStateAndTargetsAreMutable(String drift, String fields) {
        String pattern = PushPattern.of(REPO, "main").toString();
        String state = "ENABLED";
        List<RuleTarget> targets = List.of(OURS);
        switch (drift) {
            case "pattern reformatted reordered" -> pattern = "{ \"detail\": {\"referenceName\":[\"main\"],"
                    + " \"referenceType\": [\"branch\"], \"event\": [\"referenceCreated\", \"referenceUpdated\"]},"
                    + " \"resources\": [\"" + REPO + "\"], \"detail-type\": [\"CodeCommit Repository State Change\"],"
                    + " \"source\": [\"aws.codecommit\"] }";
            case "other branch" -> pattern = PushPattern.of(REPO, "dev").toString();
            case "other repository" -> pattern = PushPattern.of(REPO + "-2", "main").toString();
            case "disabled" -> state = "DISABLED";
            case "other pipeline" -> targets = List.of(new RuleTarget("pipeline", PIPELINE + "-2", ROLE));
            case "other role" -> targets = List.of(new RuleTarget("pipeline", PIPELINE, ROLE + "-2"));
            case "extra target" -> targets = List.of(OURS, new RuleTarget("x", "arn:aws:sns:us-east-1:1:t", null));
            case "no target" -> targets = List.of();
            case "disabled other branch" -> {
                state = "DISABLED";
                pattern = PushPattern.of(REPO, "dev").toString();
            }
            default -> { }
        }
        EventRuleState actual = new EventRuleState(SPEC.name(), "arn:aws:events:us-east-1:1:rule/p", PushPattern.parse(pattern),
                state, targets, REPO, PIPELINE, ROLE);

        List<FieldChange> changes = reconciler.diff(SPEC, actual);

        assertEquals(fields.isEmpty() ? List.of() : List.of(fields.split(" ")),
                changes.stream().map(FieldChange::field).toList());
        changes.forEach(c -> assertEquals(false, c.immutable(), c.field()));
    }

    @Test
    void aPipelineStillToBeCreatedIsATargetChange() {
        EventRuleState actual = new EventRuleState(SPEC.name(), "arn", PushPattern.of(REPO, "main"), "ENABLED",
                List.of(OURS), REPO, null, ROLE);
        assertEquals(List.of(FieldChange.of("targets", List.of(new RuleTarget("pipeline", "(to be created)", ROLE)),
                List.of(OURS))), reconciler.diff(SPEC, actual));
    }

    private static ResourceKey key(String type, String name) {
        return new ResourceKey("us-east-1", type, name);
    }
}

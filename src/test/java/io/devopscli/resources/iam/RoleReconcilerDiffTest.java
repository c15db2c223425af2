package io.devopscli.resources.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.engine.FieldChange;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoleReconcilerDiffTest {
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"logs:PutLogEvents\",\"Resource\":\"*\"}]}";
    private static final String OTHER_POLICY = POLICY.replace("PutLogEvents", "*");
    private static final RoleSpec SPEC = new RoleSpec("r", "vpc-flow-logs.amazonaws.com", "p", POLICY);

    private final RoleReconciler reconciler = new RoleReconciler();

    @ParameterizedTest(name = "actual principal {0}, actual policy {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "vpc-flow-logs.amazonaws.com | same    | ''",
            "ecs-tasks.amazonaws.com     | same    | trustPolicy",
            "vpc-flow-logs.amazonaws.com | other   | policy",
            "vpc-flow-logs.amazonaws.com | missing | policy",
            "ecs-tasks.amazonaws.com     | other   | trustPolicy policy"})
    void trustAndPolicyAreMutableAndComparedAsJson(String principal, String policy, String fields) {
        String actualPolicy = switch (policy) {
            case "same" -> POLICY.replace(",", ", "); // reformatted but equal
            case "other" -> OTHER_POLICY;
            default -> null;
        };
        RoleState actual = new RoleState("r", "arn:aws:iam::1:role/r", PolicyDocuments.parse(Policies.trust(principal)),
                actualPolicy == null ? null : PolicyDocuments.parse(actualPolicy));

        List<FieldChange> changes = reconciler.diff(SPEC, actual);

        assertEquals(fields.isEmpty() ? List.of() : List.of(fields.split(" ")),
                changes.stream().map(FieldChange::field).toList());
        changes.forEach(c -> assertEquals(false, c.immutable(), c.field() + " is mutable"));
    }
}

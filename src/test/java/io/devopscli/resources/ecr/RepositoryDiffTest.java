package io.devopscli.resources.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.engine.FieldChange;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepositoryDiffTest {
    private static final RepositorySpec SPEC = RepositorySpec.secure("p-app", 30);
    private final RepositoryReconciler reconciler = new RepositoryReconciler();

    private static RepositoryState actual(boolean scan, String mutability, String encryption, String policy) {
        return new RepositoryState("p-app", "arn:aws:ecr:us-east-1:1:repository/p-app", "1.dkr.ecr/p-app", scan,
                mutability, encryption, policy == null ? null : LifecyclePolicies.parse(policy));
    }

    private static String keep(int n) {
        return LifecyclePolicies.keepLast(n).toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "as wanted             | true  | IMMUTABLE | AES256 | 30   | ''",
            "scan turned off       | false | IMMUTABLE | AES256 | 30   | scanOnPush",
            "tags made mutable     | true  | MUTABLE   | AES256 | 30   | tagMutability",
            "policy keeps 5        | true  | IMMUTABLE | AES256 | 5    | lifecyclePolicy",
            "policy removed        | true  | IMMUTABLE | AES256 | none | lifecyclePolicy",
            "KMS instead of AES256 | true  | IMMUTABLE | KMS    | 30   | encryption!"})
    void eachFieldIsComparedAlone(String name, boolean scan, String mutability, String encryption, String keepN,
                                  String changed) {
        String policy = keepN.equals("none") ? null : keep(Integer.parseInt(keepN));
        List<FieldChange> changes = reconciler.diff(SPEC, actual(scan, mutability, encryption, policy));
        assertEquals(changed, changes.stream().map(c -> c.field() + (c.immutable() ? "!" : "")).reduce("", String::concat));
    }

    @Test
    void lifecyclePolicyIsComparedAsJsonNotAsText() {
        // as ECR may hand it back: keys reordered, whitespace added
        String reformatted = """
                { "rules" : [ { "action" : { "type" : "expire" },
                  "selection" : { "countNumber" : 30, "countType" : "imageCountMoreThan", "tagStatus" : "any" },
                  "description" : "keep the last 30 images", "rulePriority" : 1 } ] }""";
        assertEquals(List.of(), reconciler.diff(SPEC, actual(true, "IMMUTABLE", "AES256", reformatted)));
    }

    @Test
    void keepLastExpiresEverythingBeyondTheNewestN() {
        assertEquals(LifecyclePolicies.parse("""
                {"rules":[{"rulePriority":1,"description":"keep the last 7 images",
                 "selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":7},
                 "action":{"type":"expire"}}]}"""), LifecyclePolicies.keepLast(7));
    }
}

package io.devopscli.resources.codebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.engine.FieldChange;
import io.devopscli.engine.ResourceKey;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProjectReconcilerDiffTest {
    private static final String ROLE = "arn:aws:iam::1:role/p-codebuild-us-east-1";
    private static final ProjectSpec SPEC = new ProjectSpec("p-build", "sample-app/buildspec.yml",
            "aws/codebuild/standard:7.0", "BUILD_GENERAL1_SMALL", true,
            Map.of("IMAGE_REPO_NAME", "p-app", "CONTAINER_NAME", "app"),
            new ResourceKey("us-east-1", "iam/role", "codebuild"), new ResourceKey("us-east-1", "logs/log-group", "codebuild"));
    private static final Map<String, String> VARS = Map.of("IMAGE_REPO_NAME", "p-app", "CONTAINER_NAME", "app",
            "AWS_ACCOUNT_ID", "1");
    private static final ProjectState GOOD = new ProjectState("p-build", "arn:aws:codebuild:us-east-1:1:project/p-build",
            "CODEPIPELINE", "CODEPIPELINE", "sample-app/buildspec.yml", "aws/codebuild/standard:7.0",
            "BUILD_GENERAL1_SMALL", true, VARS, ROLE, "/p/codebuild", ROLE, "/p/codebuild", "1");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("as wanted", op(s -> s), List.of()),
                Arguments.of("image", op(s -> copy(s, "image", "aws/codebuild/standard:6.0")), List.of("image")),
                Arguments.of("compute", op(s -> copy(s, "computeType", "BUILD_GENERAL1_LARGE")), List.of("computeType")),
                Arguments.of("buildspec", op(s -> copy(s, "buildspec", "other.yml")), List.of("buildspec")),
                Arguments.of("source type", op(s -> copy(s, "sourceType", "S3")), List.of("source")),
                Arguments.of("not privileged", op(s -> new ProjectState(s.name(), s.arn(), s.sourceType(), s.artifactsType(),
                        s.buildspec(), s.image(), s.computeType(), false, s.environmentVariables(), s.serviceRole(),
                        s.logGroup(), s.wantedServiceRole(), s.wantedLogGroup(), s.wantedAccountId())), List.of("privilegedMode")),
                Arguments.of("variable missing", op(s -> withVars(s, Map.of("IMAGE_REPO_NAME", "p-app", "AWS_ACCOUNT_ID", "1"))),
                        List.of("environmentVariables")),
                Arguments.of("extra variable", op(s -> withVars(s, Map.of("IMAGE_REPO_NAME", "p-app", "CONTAINER_NAME", "app",
                        "AWS_ACCOUNT_ID", "1", "DEBUG", "1"))), List.of("environmentVariables")),
                Arguments.of("role changed by hand", op(s -> copy(s, "serviceRole", "arn:aws:iam::1:role/admin")),
                        List.of("serviceRole")),
                Arguments.of("role to be created", op(s -> copy(s, "wantedServiceRole", null)), List.of("serviceRole")),
                Arguments.of("logging off", op(s -> copy(s, "logGroup", null)), List.of("logGroup")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diff(String name, UnaryOperator<ProjectState> actual, List<String> fields) {
        List<FieldChange> changes = new ProjectReconciler().diff(SPEC, actual.apply(GOOD));
        assertEquals(fields, changes.stream().map(FieldChange::field).toList());
        changes.forEach(c -> assertEquals(false, c.immutable(), c.field() + " is mutable"));
    }

    private static UnaryOperator<ProjectState> op(UnaryOperator<ProjectState> f) {
        return f;
    }

    private static ProjectState withVars(ProjectState s, Map<String, String> vars) {
        return new ProjectState(s.name(), s.arn(), s.sourceType(), s.artifactsType(), s.buildspec(), s.image(),
                s.computeType(), s.privilegedMode(), vars, s.serviceRole(), s.logGroup(), s.wantedServiceRole(),
                s.wantedLogGroup(), s.wantedAccountId());
    }

    private static ProjectState copy(ProjectState s, String field, String value) {
        return new ProjectState(s.name(), s.arn(),
                field.equals("sourceType") ? value : s.sourceType(), s.artifactsType(),
                field.equals("buildspec") ? value : s.buildspec(),
                field.equals("image") ? value : s.image(),
                field.equals("computeType") ? value : s.computeType(), s.privilegedMode(), s.environmentVariables(),
                field.equals("serviceRole") ? value : s.serviceRole(),
                field.equals("logGroup") ? value : s.logGroup(),
                field.equals("wantedServiceRole") ? value : s.wantedServiceRole(), s.wantedLogGroup(), s.wantedAccountId());
    }
}

package io.devopscli.resources.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.engine.FieldChange;
import io.devopscli.engine.ResourceKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Pure diffs of the function and permission reconcilers: which fields differ, and which force a replace. */
class ReplicationDiffTest {
    private static final FunctionCode CODE = FunctionCode.of("v1".getBytes(StandardCharsets.UTF_8));
    private static final ResourceKey ROLE = new ResourceKey("us-east-1", "iam/role", "replication");
    private static final ResourceKey QUEUE = new ResourceKey("us-east-1", "sqs/queue", "replication-dlq");
    private static final ResourceKey LOGS = new ResourceKey("us-east-1", "logs/log-group", "replication");
    private static final FunctionSpec SPEC = new FunctionSpec("p-replication", "java21", "h::handle", 2048, 900, 4096,
            Map.of("A", "1"), CODE, ROLE, QUEUE, 2, 21600, LOGS);
    private static final FunctionState MATCHING = new FunctionState("p-replication", "arn:fn", "java21", "h::handle",
            2048, 900, 4096, Map.of("A", "1"), "arn:role", CODE.sha256(), "arn:queue", 2, 21600, "arn:role", "arn:queue");

    private static List<String> functionFields(UnaryOperator<FunctionState> change) {
        return new FunctionReconciler().diff(SPEC, change.apply(MATCHING)).stream().map(FieldChange::field).toList();
    }

    @Test
    void functionDiffTable() {
        assertEquals(List.of(), functionFields(s -> s));
        assertEquals(List.of("codeSha256"), functionFields(s -> new FunctionState(s.name(), s.arn(), s.runtime(), s.handler(),
                s.memoryMb(), s.timeoutSeconds(), s.ephemeralStorageMb(), s.environment(), s.roleArn(), "other==",
                s.onFailure(), s.maxRetryAttempts(), s.maxEventAgeSeconds(), s.wantedRoleArn(), s.wantedOnFailure())));
        assertEquals(List.of("memoryMb", "timeoutSeconds"), functionFields(s -> new FunctionState(s.name(), s.arn(),
                s.runtime(), s.handler(), 128, 3, s.ephemeralStorageMb(), s.environment(), s.roleArn(), s.codeSha256(),
                s.onFailure(), s.maxRetryAttempts(), s.maxEventAgeSeconds(), s.wantedRoleArn(), s.wantedOnFailure())));
        assertEquals(List.of("runtime", "environment"), functionFields(s -> new FunctionState(s.name(), s.arn(),
                "java17", s.handler(), s.memoryMb(), s.timeoutSeconds(), s.ephemeralStorageMb(), Map.of(), s.roleArn(),
                s.codeSha256(), s.onFailure(), s.maxRetryAttempts(), s.maxEventAgeSeconds(), s.wantedRoleArn(),
                s.wantedOnFailure())));
        assertEquals(List.of("onFailure", "maxRetryAttempts", "maxEventAgeSeconds"), functionFields(s -> new FunctionState(
                s.name(), s.arn(), s.runtime(), s.handler(), s.memoryMb(), s.timeoutSeconds(), s.ephemeralStorageMb(),
                s.environment(), s.roleArn(), s.codeSha256(), null, null, null, s.wantedRoleArn(), s.wantedOnFailure())));
        // a role or queue being created in this run: the function will be pointed at it
        assertEquals(List.of("role", "onFailure"), functionFields(s -> s.withWanted(null, null)));
        assertTrue(new FunctionReconciler().diff(SPEC, MATCHING.withWanted("arn:other-role", "arn:queue")).stream()
                .noneMatch(FieldChange::immutable), "everything of a function is updated in place");
    }

    @Test
    void aMissingPackageShowsAsACodeChangeSayingWhy() {
        FunctionSpec missing = new FunctionSpec(SPEC.name(), SPEC.runtime(), SPEC.handler(), SPEC.memoryMb(),
                SPEC.timeoutSeconds(), SPEC.ephemeralStorageMb(), SPEC.environment(), FunctionCode.missing("run make build"),
                ROLE, QUEUE, 2, 21600, LOGS);
        List<FieldChange> changes = new FunctionReconciler().diff(missing, MATCHING);
        assertEquals(List.of("codeSha256"), changes.stream().map(FieldChange::field).toList());
        assertTrue(String.valueOf(changes.get(0).desired()).contains("run make build"));
    }

    @Test
    void theCodeHashIsLambdasCodeSha256() {
        // Lambda reports CodeSha256 as the base64 SHA-256 of the package: "abc" is a well-known vector
        assertEquals("ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=",
                FunctionCode.of("abc".getBytes(StandardCharsets.US_ASCII)).sha256());
    }

    @Test
    void permissionFieldsAreImmutable() {
        ResourceKey fn = new ResourceKey("us-east-1", "lambda/function", "replication");
        PermissionSpec spec = new PermissionSpec(fn, "sid", "events.amazonaws.com", "lambda:InvokeFunction", "arn:rule");
        PermissionReconciler reconciler = new PermissionReconciler();
        assertEquals(List.of(), reconciler.diff(spec,
                new PermissionState("arn:fn", "sid", "events.amazonaws.com", "lambda:InvokeFunction", "arn:rule")));
        List<FieldChange> changes = reconciler.diff(spec,
                new PermissionState("arn:fn", "sid", "events.amazonaws.com", "lambda:InvokeFunction", PermissionState.UNCONDITIONED));
        assertEquals(List.of(FieldChange.immutable("sourceArn", "arn:rule", "none")), changes);
        // a sourceArn the API did not return at all is unknown: no replacement
        assertEquals(List.of(), reconciler.diff(spec,
                new PermissionState("arn:fn", "sid", "events.amazonaws.com", "lambda:InvokeFunction", null)));
    }

    @Test
    void thePackageOverrideIsReadFromItsPathOrSaysWhyNot() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("pkg", ".zip");
        java.nio.file.Files.write(file, "abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals(FunctionCode.of("abc".getBytes(StandardCharsets.US_ASCII)).sha256(),
                ReplicationPackage.load(file.toString()).sha256());
        FunctionCode missing = ReplicationPackage.load("/nonexistent/package.jar");
        assertTrue(missing.missing().contains(ReplicationPackage.OVERRIDE), missing.missing());
        java.nio.file.Files.delete(file);
    }

    /** The SHA-256 make build computed (passed by bin/devops-cli) is used as is; the bytes are read on demand. */
    @Test
    void theBuildsSha256IsTakenWithoutHashingAndTheBytesAreReadOnlyWhenAsked() {
        assertTrue(ReplicationPackage.class.getResource(ReplicationPackage.RESOURCE) != null,
                "the build copies the replication package to target/classes" + ReplicationPackage.RESOURCE);
        FunctionCode hashed = ReplicationPackage.load(null);
        System.setProperty(ReplicationPackage.SHA256_PROPERTY, "given-by-the-build=");
        try {
            FunctionCode given = ReplicationPackage.load(null);
            assertEquals("given-by-the-build=", given.sha256());
            assertEquals(hashed.size(), given.size());
            assertEquals(hashed.sha256(), FunctionCode.sha256Base64(given.bytes().get()));
        } finally {
            System.clearProperty(ReplicationPackage.SHA256_PROPERTY);
        }
        assertEquals(hashed.sha256(), ReplicationPackage.load(null).sha256());
    }
}

package io.devopscli.resources.lambda;

/** A statement of a function's resource policy as observed (sourceArn "none" when unconditioned). */
public record PermissionState(String functionArn, String statementId, String principal, String action,
                              String sourceArn) {
    public static final String UNCONDITIONED = "none";
}

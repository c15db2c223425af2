package io.devopscli.aws;

/**
 * A classified AWS failure carrying a short message ("InvalidParameterValue: ..."): terminal ones fail
 * the node; the engine prints the message, never the SDK's stack trace (unless --verbose).
 */
public final class AwsFailure extends RuntimeException {
    private final AwsErrors.Kind kind;
    private final String code;

    public AwsFailure(AwsErrors.Kind kind, String code, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
    }

    public AwsErrors.Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }
}

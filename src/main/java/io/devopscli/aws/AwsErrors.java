package io.devopscli.aws;

import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** The one place where AWS errors are classified: not found, retryable or terminal. */
public final class AwsErrors {

    public enum Kind { NOT_FOUND, RETRYABLE, TERMINAL }

    private static final Set<String> RETRYABLE_CODES = Set.of(
            "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException",
            "DependencyViolation", "ResourceInUse", "ResourceInUseException", "InvalidGroup.InUse",
            "ConcurrentModificationException", "OperationAbortedException", "IncorrectState",
            "InvalidIPAddress.InUse", "ServiceUnavailable", "InternalError", "InternalFailure",
            "IncorrectInstanceState", "PriorRequestNotComplete", "ResourceConflictException",
            "InvalidParameterValueException.RoleNotAssumable");

    private AwsErrors() {
    }

    public static String code(Throwable e) {
        if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
            String code = ase.awsErrorDetails().errorCode();
            return code == null ? "" : code;
        }
        return "";
    }

    public static Kind classify(Throwable e) {
        if (e instanceof AwsFailure f) {
            return f.kind();
        }
        String code = code(e);
        if (isNotFound(code) || (e instanceof AwsServiceException ase && ase.statusCode() == 404)) {
            return Kind.NOT_FOUND;
        }
        if (RETRYABLE_CODES.contains(code) || code.endsWith(".NotFound.Eventual")) {
            return Kind.RETRYABLE;
        }
        if (e instanceof AwsServiceException ase && (ase.isThrottlingException() || ase.statusCode() >= 500)) {
            return Kind.RETRYABLE;
        }
        if (e instanceof SdkClientException && clientProblem(e).isPresent()) {
            // nothing listens, the name does not resolve, TLS fails, no credentials: retrying for minutes
            // cannot help, and the user must read why at once
            return Kind.TERMINAL;
        }
        if (e instanceof SdkClientException) {
            // resets, timeouts, truncated answers: transient, retried with backoff
            return Kind.RETRYABLE;
        }
        return Kind.TERMINAL;
    }

    /**
     * A one-line cause for client-side failures that no retry can fix, or empty for transient ones
     * (a connection reset or a read timeout is retried; a refused connection is not).
     */
    public static Optional<String> clientProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String msg = String.valueOf(t.getMessage());
            if (t instanceof java.net.ConnectException) {
                return Optional.of("connection refused");
            }
            if (t instanceof java.net.UnknownHostException) {
                return Optional.of("unknown host " + msg.replaceFirst(":.*", ""));
            }
            if (t instanceof java.net.NoRouteToHostException) {
                return Optional.of("no route to host");
            }
            // a reset during the handshake is transient like any reset; the rest of TLS is configuration
            if (t instanceof javax.net.ssl.SSLException && !(t.getCause() instanceof java.net.SocketException)) {
                return Optional.of("TLS error: " + msg);
            }
            if (msg.startsWith("Profile file contained no credentials for profile")
                    || msg.startsWith("Profile file contained no profile")) {
                return Optional.of("the profile has no credentials (" + msg.replaceFirst(":\\s*ProfileFile.*", "") + ")");
            }
            if (msg.startsWith("Unable to load credentials")) {
                return Optional.of("no AWS credentials found");
            }
        }
        return Optional.empty();
    }

    static boolean isNotFound(String code) {
        return code.endsWith(".NotFound") || code.endsWith("NotFound") || code.endsWith("NotFoundException")
                || code.equals("NoSuchEntity") || code.equals("ResourceNotFoundException")
                || code.endsWith(".Malformed.NotFound")
                // CodeCommit (RepositoryDoesNotExistException, BranchDoesNotExistException, ...)
                || code.endsWith("DoesNotExistException")
                // SQS: the JSON protocol's code, and the query protocol's
                || code.equals("QueueDoesNotExist") || code.equals("AWS.SimpleQueueService.NonExistentQueue");
    }

    /** A one-line reason for the run report: "DependencyViolation: resource sg-1 has a dependent object". */
    public static String reason(Throwable e) {
        if (e instanceof AwsServiceException ase && code(e).isEmpty()) {
            // not an AWS error document: say what answered rather than ": (Service: Ec2, Status Code: 404, ...)"
            return "HTTP " + ase.statusCode() + " without an AWS error from the endpoint ("
                    + (ase.awsErrorDetails() == null ? "?" : ase.awsErrorDetails().serviceName()) + ")";
        }
        if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
            String msg = ase.awsErrorDetails().errorMessage();
            return code(e) + ": " + (msg == null ? ase.getMessage() : msg);
        }
        if (e instanceof SdkClientException && clientProblem(e).isPresent()) {
            return clientProblem(e).get();
        }
        if (e instanceof SdkException) {
            String msg = e.getMessage();
            return msg == null ? e.getClass().getSimpleName() : msg;
        }
        return String.valueOf(e.getMessage());
    }
}

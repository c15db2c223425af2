package io.devopscli.cli;

/** Input the user can fix (an unknown --regions name, no terminal to confirm on): exit 64, no AWS call. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}

package io.devopscli.replication;

/** Replication cannot go on at all (the primary is unreachable, the commit is not in it, ...). */
public final class ReplicationException extends RuntimeException {
    public ReplicationException(String message) {
        super(message);
    }

    public ReplicationException(String message, Throwable cause) {
        super(message, cause);
    }
}

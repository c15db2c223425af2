package io.devopscli.failover;

/** The failover cannot go on: the target is unhealthy, there are no records yet, ... The message says why. */
public final class FailoverRefused extends RuntimeException {
    public FailoverRefused(String message) {
        super(message);
    }
}

package io.devopscli.resources.lock;

/** Another run holds the project's lock and did not release it within --lock-timeout. */
public final class LockHeldException extends RuntimeException {
    private final LockRecord holder;

    public LockHeldException(String message, LockRecord holder) {
        super(message);
        this.holder = holder;
    }

    public LockRecord holder() {
        return holder;
    }
}

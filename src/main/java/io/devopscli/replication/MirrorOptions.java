package io.devopscli.replication;

import java.time.Duration;

/**
 * force: replace diverged branches and moved tags; timeout: per git network operation; parallelism: how
 * many secondaries are pushed at once.
 */
public record MirrorOptions(boolean force, Duration timeout, int parallelism) {
    public static MirrorOptions defaults() {
        return new MirrorOptions(false, Duration.ofMinutes(2), 4);
    }

    public MirrorOptions withForce(boolean force) {
        return new MirrorOptions(force, timeout, parallelism);
    }

    public MirrorOptions withTimeout(Duration timeout) {
        return new MirrorOptions(force, timeout, parallelism);
    }
}

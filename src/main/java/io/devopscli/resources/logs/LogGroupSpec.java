package io.devopscli.resources.logs;

import io.devopscli.resources.ResourceTraits;

/** A CloudWatch Logs group with a retention period in days (one of the values CloudWatch allows). */
public record LogGroupSpec(String name, int retentionDays) implements ResourceTraits {
    /** Replacing it loses data or takes long to bring back: see ResourceTraits. */
    @Override
    public boolean guardedAgainstReplace() {
        return true;
    }
}

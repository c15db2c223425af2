package io.devopscli.failover;

import java.util.List;

/**
 * The outcome of a failover: every step with its time, and the total from the first read to Route 53
 * reporting the swap in sync (the recovery time).
 */
public record FailoverReport(String from, String to, Outcome outcome, List<FailoverStep> steps, String message) {
    public enum Outcome { DONE, ALREADY_ACTIVE, DRY_RUN, REFUSED, FAILED }

    public FailoverReport {
        steps = List.copyOf(steps);
    }

    public long totalMillis() {
        return steps.stream().mapToLong(FailoverStep::millis).sum();
    }
}

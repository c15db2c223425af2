package io.devopscli.failover;

import io.devopscli.resources.route53.FailoverRecord;
import io.devopscli.resources.route53.RegionTarget;
import java.util.List;

/**
 * What the read-only steps found: the active region per Route 53, the target's check, and what the
 * mutating steps will do. checkProblems is empty when the target passed; a forced plan goes on anyway.
 *
 * @param zoneId the hosted zone holding the records
 * @param records the failover records as read in step 1
 * @param target where PRIMARY will point (the target's load balancer and health check)
 * @param currentDesired the target's production desired count now
 * @param desiredCount what step 3 sets (the active region's desired count, within the topology's max)
 */
public record FailoverPlan(String from, String to, String zoneId, List<FailoverRecord> records, RegionTarget target,
                           int currentDesired, int desiredCount, List<String> checkProblems, boolean forced,
                           List<FailoverStep> steps) {
    public FailoverPlan {
        records = List.copyOf(records);
        checkProblems = List.copyOf(checkProblems);
        steps = List.copyOf(steps);
    }

    public boolean targetHealthy() {
        return checkProblems.isEmpty();
    }

    /** Whether the mutating steps may run: a healthy target, or --force. */
    public boolean mayProceed() {
        return targetHealthy() || forced;
    }
}

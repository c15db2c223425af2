package io.devopscli.failover;

import io.devopscli.resources.route53.FailoverRecord;
import io.devopscli.resources.route53.RegionTarget;
import java.util.List;

/**
 * What the read-only steps found: the active region per Route 53, the target's check, and what the
 * mutating steps will do. checkProblems is empty when the target passed; a forced plan goes on anyway.
 *
 * @param zoneId the hosted zone holding the records
 * @param records the failover chain's records as read in step 1
 * @param chain the regions in the order the records chain them now, the active one first
 * @param target where PRIMARY will point (the target's load balancer and health check)
 * @param currentDesired the target's production desired count now
 * @param desiredCount what step 5 sets (the active region's desired count, within the topology's max)
 * @param repository what step 3 found of the target's repository (null when the target is already active)
 */
public record FailoverPlan(String from, String to, String zoneId, List<FailoverRecord> records, List<String> chain,
                           RegionTarget target, int currentDesired, int desiredCount, List<String> checkProblems,
                           RepositoryCatchUp.Check repository, boolean forced, List<FailoverStep> steps) {
    public FailoverPlan {
        records = List.copyOf(records);
        chain = List.copyOf(chain);
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

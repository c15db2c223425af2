package io.devopscli.resources.route53;

import java.util.List;
import java.util.Map;

/**
 * The domain's failover records as found, with what diff needs to stay pure: the targets (load balancer
 * and health check) of the regions the records should serve, resolved at observe time; a region whose
 * load balancer or health check is missing has no entry.
 */
public record FailoverRecordsState(String zoneId, String domain, List<FailoverRecord> records,
                                   Map<String, RegionTarget> targets) {
    public FailoverRecordsState {
        records = List.copyOf(records);
        targets = Map.copyOf(targets);
    }
}

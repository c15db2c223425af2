package io.devopscli.resources.route53;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * Read-only query for `status` and `failover`: which region serves production, read from the PRIMARY
 * failover record in Route 53 (not from a local file, so two operators see the same).
 */
public final class ActiveRegion {
    private final Route53Client r53;
    private final String project;

    public ActiveRegion(Route53Client r53, String project) {
        this.r53 = r53;
        this.project = project;
    }

    /**
     * What the records say. primary/secondary are the regions named by the PRIMARY and SECONDARY records
     * (empty when a record is missing or names a region outside the topology).
     */
    public record Serving(String zoneId, List<FailoverRecord> records, Optional<String> active,
                          Optional<String> standby) {
        public Optional<FailoverRecord> record(String role) {
            return records.stream().filter(r -> role.equals(r.role())).findFirst();
        }
    }

    /** Empty when the zone does not exist; a Serving with no active region when the records do not. */
    public Optional<Serving> of(String zoneName, String domain, List<String> regions) {
        return HostedZoneLookup.find(r53, zoneName, project).map(zone -> {
            List<FailoverRecord> records = FailoverRecordSets.list(r53, zone.id(), domain);
            return new Serving(zone.id(), records,
                    FailoverRoles.regionIn(project, regions, records, FailoverRecord.PRIMARY),
                    FailoverRoles.regionIn(project, regions, records, FailoverRecord.SECONDARY));
        });
    }
}

package io.devopscli.resources.route53;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * Read-only query for `status`, `failover` and the replication trigger: which region serves production
 * and the failover chain after it, read from Route 53 (not from a local file, so two operators see the
 * same).
 */
public final class ActiveRegion {
    private final Route53Client r53;
    private final String project;

    public ActiveRegion(Route53Client r53, String project) {
        this.r53 = r53;
        this.project = project;
    }

    /**
     * What the records say. active is the region of the domain's PRIMARY record (empty when it is missing
     * or names a region outside the topology); chain the regions in the order traffic falls down in.
     */
    public record Serving(String zoneId, List<FailoverRecord> records, Optional<String> active, List<String> chain) {
        public Serving {
            records = List.copyOf(records);
            chain = List.copyOf(chain);
        }

        /** The region after the active one: where health checks send traffic first. */
        public Optional<String> standby() {
            return chain.size() > 1 ? Optional.of(chain.get(1)) : Optional.empty();
        }
    }

    /** Empty when the zone does not exist; a Serving with no active region when the records do not. */
    public Optional<Serving> of(String zoneName, String domain, List<String> regions) {
        return HostedZoneLookup.find(r53, zoneName, project).map(zone -> {
            List<FailoverRecord> records = FailoverRecordSets.listChain(r53, zone.id(), project, domain, regions.size());
            return new Serving(zone.id(), records, FailoverChain.active(project, domain, regions, records),
                    FailoverChain.read(project, domain, regions, records));
        });
    }
}

package io.devopscli.resources.route53;

import io.devopscli.aws.AwsClients;
import io.devopscli.engine.RegionContext;
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
        return HostedZoneLookup.find(r53, zoneName, project).map(zone -> serving(zone.id(), domain, regions,
                FailoverRecordSets.listChain(r53, zone.id(), project, domain, regions.size())));
    }

    /**
     * The same for a plan's observe: from the plan's zone lookup and its one read of the zone's records
     * (ZoneRecords), shared with every region's records and validation observes.
     */
    public static Optional<Serving> observed(RegionContext ctx, String zoneName, String domain, List<String> regions) {
        String project = ctx.project();
        return HostedZoneLookup.observed(ctx, zoneName).map(zone -> serving(project, zone.id(), domain, regions,
                ZoneRecords.observed(ctx, zone.id())
                        .map(all -> FailoverRecordSets.chainIn(all, project, domain, regions.size()))
                        .orElseGet(() -> FailoverRecordSets.listChain(ctx.services(AwsClients.class).route53(), zone.id(),
                                project, domain, regions.size()))));
    }

    private Serving serving(String zoneId, String domain, List<String> regions, List<FailoverRecord> records) {
        return serving(project, zoneId, domain, regions, records);
    }

    private static Serving serving(String project, String zoneId, String domain, List<String> regions,
                                   List<FailoverRecord> records) {
        return new Serving(zoneId, records, FailoverChain.active(project, domain, regions, records),
                FailoverChain.read(project, domain, regions, records));
    }
}

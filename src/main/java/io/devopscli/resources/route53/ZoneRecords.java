package io.devopscli.resources.route53;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.RegionContext;
import io.devopscli.resources.GlobalReads;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Every record of a zone from one paginated ListResourceRecordSets per plan, shared by every region
 * (GlobalReads): what observe of the failover chain, of the certificate validation records and of the
 * zone's foreign records answers from, instead of a lookup per name and level (13 calls for three regions
 * became one). A zone we only adopted can be someone's large zone: past a few pages it is not read whole,
 * and those observes look up their names one by one as before. Only for observe: creates, updates and
 * waits read Route 53 directly.
 */
final class ZoneRecords {
    /** 300 records a page (Route 53's most): a zone of up to 900 records is read whole. */
    private static final int MAX_PAGES = 3;

    private ZoneRecords() {
    }

    /** The zone's records as this plan read them, or empty for a zone too large to read whole. */
    static Optional<List<ResourceRecordSet>> observed(RegionContext ctx, String zoneId) {
        Route53Client r53 = ctx.services(AwsClients.class).route53();
        return GlobalReads.memo(ctx, "route53/records/" + zoneId, () -> read(r53, zoneId));
    }

    static Optional<List<ResourceRecordSet>> read(Route53Client r53, String zoneId) {
        List<ResourceRecordSet> all = new ArrayList<>();
        String name = null;
        String type = null;
        String identifier = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String startName = name;
            String startType = type;
            String startIdentifier = identifier;
            ListResourceRecordSetsResponse answer = AwsCall.call(() -> r53.listResourceRecordSets(r -> r
                    .hostedZoneId(zoneId).startRecordName(startName).startRecordType(startType)
                    .startRecordIdentifier(startIdentifier).maxItems("300")));
            all.addAll(answer.resourceRecordSets());
            if (!Boolean.TRUE.equals(answer.isTruncated())) {
                return Optional.of(List.copyOf(all));
            }
            name = answer.nextRecordName();
            type = answer.nextRecordTypeAsString();
            identifier = answer.nextRecordIdentifier();
        }
        return Optional.empty();
    }
}

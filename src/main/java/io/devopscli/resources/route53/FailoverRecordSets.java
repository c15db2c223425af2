package io.devopscli.resources.route53;

import io.devopscli.aws.AwsCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * Reads and writes the domain's failover records: shared by the records reconciler (up) and the failover
 * command, so both build the same records the same way.
 */
public final class FailoverRecordSets {
    private FailoverRecordSets() {
    }

    /** Every failover A record of the domain (normally two: PRIMARY and SECONDARY). */
    public static List<FailoverRecord> list(Route53Client r53, String zoneId, String domain) {
        String name = Route53Calls.dnsKey(domain);
        return AwsCall.call(() -> r53.listResourceRecordSets(r -> r.hostedZoneId(zoneId).startRecordName(name + ".")
                        .startRecordType(RRType.A).maxItems("100")))
                .resourceRecordSets().stream()
                .filter(rr -> Route53Calls.dnsKey(rr.name()).equals(name) && rr.type() == RRType.A
                        && rr.failover() != null)
                .map(FailoverRecord::of)
                .toList();
    }

    /**
     * The changes that make the records match the roles, as one batch (Route 53 applies a batch
     * atomically): a DELETE for each record serving no role, then an UPSERT for each role whose record
     * differs. Swapping PRIMARY and SECONDARY is two UPSERTs. targets must hold both roles' regions.
     */
    public static List<Change> changes(String project, String domain, FailoverRoles roles,
                                       Map<String, RegionTarget> targets, List<FailoverRecord> existing) {
        List<FailoverRecord> desired = List.of(
                target(targets, roles.primary()).record(project, FailoverRecord.PRIMARY),
                target(targets, roles.secondary()).record(project, FailoverRecord.SECONDARY));
        Set<String> keep = desired.stream().map(FailoverRecord::setIdentifier).collect(Collectors.toSet());
        Set<FailoverRecord> current = existing.stream().map(FailoverRecord::normalized).collect(Collectors.toSet());
        List<Change> changes = new ArrayList<>();
        existing.stream().filter(r -> !keep.contains(r.setIdentifier()))
                .forEach(r -> changes.add(change(ChangeAction.DELETE, domain, r)));
        desired.stream().filter(r -> !current.contains(r.normalized()))
                .forEach(r -> changes.add(change(ChangeAction.UPSERT, domain, r)));
        return changes;
    }

    /** Deletes for the given records, exactly as they are (Route 53 deletes only on an exact match). */
    public static List<Change> deletions(String domain, List<FailoverRecord> records) {
        return records.stream().map(r -> change(ChangeAction.DELETE, domain, r)).toList();
    }

    public static ChangeInfo submit(Route53Client r53, String zoneId, List<Change> changes, String comment) {
        return AwsCall.call(() -> r53.changeResourceRecordSets(r -> r.hostedZoneId(zoneId)
                .changeBatch(b -> b.comment(comment).changes(changes)))).changeInfo();
    }

    private static RegionTarget target(Map<String, RegionTarget> targets, String region) {
        RegionTarget t = targets.get(region);
        if (t == null || t.dnsName() == null || t.healthCheckId() == null) {
            throw new IllegalStateException("no load balancer or health check found for " + region);
        }
        return t;
    }

    private static Change change(ChangeAction action, String domain, FailoverRecord r) {
        ResourceRecordSet.Builder rr = ResourceRecordSet.builder().name(Route53Calls.dnsKey(domain) + ".").type(RRType.A)
                .setIdentifier(r.setIdentifier()).failover(r.role()).healthCheckId(r.healthCheckId());
        if (r.aliasDnsName() != null) {
            rr.aliasTarget(a -> a.dnsName(r.aliasDnsName()).hostedZoneId(r.aliasHostedZoneId())
                    .evaluateTargetHealth(r.evaluateTargetHealth()));
        }
        return Change.builder().action(action).resourceRecordSet(rr.build()).build();
    }
}

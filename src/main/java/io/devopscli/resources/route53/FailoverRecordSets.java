package io.devopscli.resources.route53;

import io.devopscli.aws.AwsCall;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * Reads and writes the failover chain's records: shared by the records reconciler (up) and the failover
 * command, so both build the same records the same way.
 */
public final class FailoverRecordSets {
    private FailoverRecordSets() {
    }

    /** Every failover A record of one name. */
    public static List<FailoverRecord> list(Route53Client r53, String zoneId, String name) {
        String key = Route53Calls.dnsKey(name);
        return named(AwsCall.call(() -> r53.listResourceRecordSets(r -> r.hostedZoneId(zoneId).startRecordName(key + ".")
                        .startRecordType(RRType.A).maxItems("100"))).resourceRecordSets(), key);
    }

    private static List<FailoverRecord> named(List<ResourceRecordSet> records, String key) {
        return records.stream()
                .filter(rr -> Route53Calls.dnsKey(rr.name()).equals(key) && rr.type() == RRType.A
                        && rr.failover() != null)
                .map(FailoverRecord::of)
                .toList();
    }

    /**
     * The records of every level of the chain: levels 0 to regions-2, and beyond while levels hold records
     * (left by a topology that had more regions, which the next change deletes).
     */
    public static List<FailoverRecord> listChain(Route53Client r53, String zoneId, String project, String domain,
                                                 int regions) {
        return chain(name -> list(r53, zoneId, name), project, domain, regions);
    }

    /**
     * The chain's records as they are now, from one read of the zone's records (one call where listChain
     * makes one per level, in a row); a zone too large to read whole is read level by level.
     */
    static List<FailoverRecord> readChain(Route53Client r53, String zoneId, String project, String domain, int regions) {
        return ZoneRecords.read(r53, zoneId).map(zone -> chainIn(zone, project, domain, regions))
                .orElseGet(() -> listChain(r53, zoneId, project, domain, regions));
    }

    /** The chain's records out of a zone's records read whole (ZoneRecords), level by level as listChain. */
    static List<FailoverRecord> chainIn(List<ResourceRecordSet> zone, String project, String domain, int regions) {
        return chain(name -> named(zone, Route53Calls.dnsKey(name)), project, domain, regions);
    }

    private static List<FailoverRecord> chain(java.util.function.Function<String, List<FailoverRecord>> levelNamed,
                                              String project, String domain, int regions) {
        List<FailoverRecord> all = new ArrayList<>();
        for (int k = 0; k < FailoverChain.MAX_LEVELS; k++) {
            List<FailoverRecord> level = levelNamed.apply(FailoverChain.levelName(project, domain, k));
            all.addAll(level);
            if (level.isEmpty() && k >= regions - 2) {
                break;
            }
        }
        return all;
    }

    /**
     * The changes that make the records match desired, as one batch (Route 53 applies a batch
     * atomically): a DELETE for each of the project's records that desired lacks, then an UPSERT for each
     * desired record that differs, deepest level first so an alias never names a level not yet written.
     */
    public static List<Change> changes(String project, String domain, List<FailoverRecord> desired,
                                       List<FailoverRecord> existing) {
        Set<String> keep = desired.stream().map(FailoverRecordSets::identity).collect(Collectors.toSet());
        Set<FailoverRecord> current = existing.stream().map(FailoverRecord::normalized).collect(Collectors.toSet());
        List<Change> changes = new ArrayList<>();
        existing.stream().filter(r -> FailoverNames.isProjects(project, r.setIdentifier()))
                .filter(r -> !keep.contains(identity(r)))
                .forEach(r -> changes.add(change(ChangeAction.DELETE, r)));
        desired.stream().filter(r -> !current.contains(r.normalized()))
                .sorted(Comparator.comparingInt((FailoverRecord r) -> FailoverChain.levelOf(project, domain, r.name())).reversed())
                .forEach(r -> changes.add(change(ChangeAction.UPSERT, r)));
        return changes;
    }

    /**
     * The records once the batch of changes(project, domain, desired, existing) went through: desired, and
     * the records of others desired does not overwrite. Route 53 applies a batch whole or not at all, so
     * its success is the answer and nothing is read back.
     */
    static List<FailoverRecord> afterChanges(String project, List<FailoverRecord> desired, List<FailoverRecord> existing) {
        Set<String> written = desired.stream().map(FailoverRecordSets::identity).collect(Collectors.toSet());
        List<FailoverRecord> after = new ArrayList<>(desired);
        existing.stream().filter(r -> !FailoverNames.isProjects(project, r.setIdentifier()))
                .filter(r -> !written.contains(identity(r)))
                .forEach(after::add);
        return after;
    }

    /** Deletes for the given records, exactly as they are, the domain's first (aliases before their targets). */
    public static List<Change> deletions(String project, String domain, List<FailoverRecord> records) {
        return records.stream().sorted(Comparator.comparingInt(r -> FailoverChain.levelOf(project, domain, r.name())))
                .map(r -> change(ChangeAction.DELETE, r)).toList();
    }

    public static ChangeInfo submit(Route53Client r53, String zoneId, List<Change> changes, String comment) {
        return AwsCall.call(() -> r53.changeResourceRecordSets(r -> r.hostedZoneId(zoneId)
                .changeBatch(b -> b.comment(comment).changes(changes)))).changeInfo();
    }

    /** Route 53 names a record set by name, type and set identifier. */
    private static String identity(FailoverRecord r) {
        return r.name() + " " + r.setIdentifier();
    }

    private static Change change(ChangeAction action, FailoverRecord r) {
        ResourceRecordSet.Builder rr = ResourceRecordSet.builder().name(r.name() + ".").type(RRType.A)
                .setIdentifier(r.setIdentifier()).failover(r.role()).healthCheckId(r.healthCheckId());
        if (r.aliasDnsName() != null) {
            rr.aliasTarget(a -> a.dnsName(r.aliasDnsName()).hostedZoneId(r.aliasHostedZoneId())
                    .evaluateTargetHealth(r.evaluateTargetHealth()));
        }
        return Change.builder().action(action).resourceRecordSet(rr.build()).build();
    }
}

package io.devopscli.resources.route53;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every region of the topology in DNS, in failover order. Route 53 failover routing holds exactly one
 * PRIMARY and one SECONDARY per name, so N regions are a chain of N-1 levels: level 0 is the domain,
 * level k a nested name ("&lt;project&gt;-failover-k.&lt;domain&gt;"). Each level's PRIMARY aliases one region's
 * load balancer with that region's health check; its SECONDARY aliases the next level (evaluating its
 * health, no check of its own), except on the last level, where it aliases the last region directly. When
 * a region's health check fails, Route 53 answers with the next level: health checks alone carry traffic
 * down the list.
 *
 * <p>The order is the active region (the level-0 PRIMARY, which Route 53 holds: a failover is not drift),
 * then the other regions in the topology's order. Only the active region is state; the rest follows.
 */
public record FailoverChain(List<String> order) {
    /** More levels than any topology has: a bound on reading stale levels left by a larger topology. */
    static final int MAX_LEVELS = 16;

    public FailoverChain {
        order = List.copyOf(order);
        if (order.size() < 2) {
            throw new IllegalArgumentException("a failover chain needs two or more regions, got " + order);
        }
    }

    /** The active region first, then the others in the topology's order. */
    public static FailoverChain activeFirst(String active, List<String> regions) {
        List<String> order = new ArrayList<>();
        order.add(active);
        regions.stream().filter(r -> !r.equals(active)).forEach(order::add);
        return new FailoverChain(order);
    }

    /** What Route 53 says is active (the level-0 PRIMARY naming a region of the topology), else the topology's primary. */
    public static FailoverChain desired(String project, String domain, List<String> regions, String topologyPrimary,
                                        List<FailoverRecord> records) {
        return activeFirst(active(project, domain, regions, records).orElse(topologyPrimary), regions);
    }

    public String active() {
        return order.get(0);
    }

    /** The name of level k: the domain for 0, a nested name under it for the others. */
    public static String levelName(String project, String domain, int level) {
        String d = Route53Calls.dnsKey(domain);
        return level == 0 ? d : project + "-failover-" + level + "." + d;
    }

    /** Whether a record name is one of the chain's levels (what down and the zone's own check count as ours). */
    public static boolean isLevelName(String project, String domain, String name) {
        return levelOf(project, domain, name) >= 0;
    }

    /** The level a record name is, or -1 for a name outside the chain. */
    static int levelOf(String project, String domain, String name) {
        String n = Route53Calls.dnsKey(name);
        String d = Route53Calls.dnsKey(domain);
        if (n.equals(d)) {
            return 0;
        }
        String prefix = project + "-failover-";
        String suffix = "." + d;
        if (!n.startsWith(prefix) || !n.endsWith(suffix) || n.length() <= prefix.length() + suffix.length()) {
            return -1;
        }
        String level = n.substring(prefix.length(), n.length() - suffix.length());
        return level.matches("[1-9][0-9]?") ? Integer.parseInt(level) : -1;
    }

    /** The set identifier of the SECONDARY record that aliases level k. */
    static String linkIdentifier(String project, int level) {
        return project + "-failover-" + level;
    }

    /**
     * The records of the chain, level by level. zoneId is the zone holding them (the nested levels' alias
     * target); targets must hold every region of the order.
     */
    public List<FailoverRecord> records(String project, String domain, String zoneId, Map<String, RegionTarget> targets) {
        List<FailoverRecord> records = new ArrayList<>();
        int levels = order.size() - 1;
        for (int k = 0; k < levels; k++) {
            String name = levelName(project, domain, k);
            records.add(target(targets, order.get(k)).record(project, name, FailoverRecord.PRIMARY));
            if (k == levels - 1) {
                records.add(target(targets, order.get(k + 1)).record(project, name, FailoverRecord.SECONDARY));
            } else {
                records.add(new FailoverRecord(name, FailoverRecord.SECONDARY, linkIdentifier(project, k + 1),
                        levelName(project, domain, k + 1), Route53Calls.bareZoneId(zoneId), true, null));
            }
        }
        return records;
    }

    /** The level-0 PRIMARY's region, when exactly one PRIMARY names a region of the topology. */
    public static Optional<String> active(String project, String domain, List<String> regions, List<FailoverRecord> records) {
        return regionAt(project, levelName(project, domain, 0), regions, records, FailoverRecord.PRIMARY);
    }

    /**
     * The regions as the records chain them now, following each level's SECONDARY: the order traffic
     * falls down in. Stops where the chain is broken (a missing record, a region outside the topology).
     */
    public static List<String> read(String project, String domain, List<String> regions, List<FailoverRecord> records) {
        List<String> order = new ArrayList<>();
        for (int k = 0; k < MAX_LEVELS; k++) {
            String name = levelName(project, domain, k);
            Optional<String> primary = regionAt(project, name, regions, records, FailoverRecord.PRIMARY);
            if (primary.isEmpty() || order.contains(primary.get())) {
                return order;
            }
            order.add(primary.get());
            List<FailoverRecord> secondary = inRole(name, records, FailoverRecord.SECONDARY);
            if (secondary.size() != 1) {
                return order;
            }
            Optional<String> last = FailoverNames.regionOf(project, secondary.get(0).setIdentifier(), regions);
            if (last.isPresent()) {
                if (!order.contains(last.get())) {
                    order.add(last.get());
                }
                return order;
            }
            String next = levelName(project, domain, k + 1);
            if (!next.equals(FailoverRecord.normalDns(secondary.get(0).aliasDnsName()))) {
                return order;
            }
        }
        return order;
    }

    /** Each region's target as the records point at it now (PRIMARY records and the last SECONDARY). */
    public static Map<String, RegionTarget> targetsIn(String project, List<String> regions, List<FailoverRecord> records) {
        Map<String, RegionTarget> targets = new java.util.LinkedHashMap<>();
        for (FailoverRecord r : records) {
            FailoverNames.regionOf(project, r.setIdentifier(), regions).filter(region -> r.aliasDnsName() != null)
                    .ifPresent(region -> targets.putIfAbsent(region, r.asTarget(region)));
        }
        return targets;
    }

    private static Optional<String> regionAt(String project, String name, List<String> regions,
                                             List<FailoverRecord> records, String role) {
        List<FailoverRecord> found = inRole(name, records, role);
        return found.size() == 1 ? FailoverNames.regionOf(project, found.get(0).setIdentifier(), regions) : Optional.empty();
    }

    private static List<FailoverRecord> inRole(String name, List<FailoverRecord> records, String role) {
        return records.stream().filter(r -> name.equals(r.name()) && role.equals(r.role())).toList();
    }

    private static RegionTarget target(Map<String, RegionTarget> targets, String region) {
        RegionTarget t = targets.get(region);
        if (t == null || !t.complete()) {
            throw new IllegalStateException("no load balancer or health check found for " + region);
        }
        return t;
    }
}

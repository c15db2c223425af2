package io.devopscli.resources.route53;

import java.util.List;
import java.util.Optional;

/**
 * Which region each failover record serves. Route 53 is the truth: once the records exist, their roles
 * stand (a failover is not drift, so up never swaps back). Only what cannot stand is decided here: a
 * missing record, or one naming a region outside the topology.
 */
public record FailoverRoles(String primary, String secondary) {

    /**
     * @param regions the topology's regions in order; topologyPrimary is among them
     */
    public static FailoverRoles desired(String project, List<String> regions, String topologyPrimary,
                                        List<FailoverRecord> records) {
        Optional<String> primary = regionIn(project, regions, records, FailoverRecord.PRIMARY);
        Optional<String> secondary = regionIn(project, regions, records, FailoverRecord.SECONDARY)
                .filter(s -> !primary.equals(Optional.of(s)));
        if (primary.isPresent()) {
            return new FailoverRoles(primary.get(),
                    secondary.orElseGet(() -> standbyFor(primary.get(), regions, topologyPrimary)));
        }
        if (secondary.isPresent()) {
            return new FailoverRoles(standbyFor(secondary.get(), regions, topologyPrimary), secondary.get());
        }
        return new FailoverRoles(topologyPrimary, standbyFor(topologyPrimary, regions, topologyPrimary));
    }

    /** The topology's primary when another region is active (where traffic fails back to), else the first secondary. */
    static String standbyFor(String active, List<String> regions, String topologyPrimary) {
        if (!active.equals(topologyPrimary)) {
            return topologyPrimary;
        }
        return regions.stream().filter(r -> !r.equals(active)).findFirst()
                .orElseThrow(() -> new IllegalStateException("failover needs at least two regions"));
    }

    /** The region a role's record serves, when there is exactly one such record naming a topology region. */
    static Optional<String> regionIn(String project, List<String> regions, List<FailoverRecord> records, String role) {
        List<FailoverRecord> inRole = records.stream().filter(r -> role.equals(r.role())).toList();
        if (inRole.size() != 1) {
            return Optional.empty();
        }
        return FailoverNames.regionOf(project, inRole.get(0).setIdentifier(), regions);
    }
}

package io.devopscli.resources.route53;

import java.util.List;
import java.util.Optional;

/**
 * Names shared by the failover resources and the failover command. A failover record's set identifier
 * is "<project>-<region>": it says which region the record sends traffic to, and the project prefix
 * keeps two projects' records apart in a shared zone.
 */
public final class FailoverNames {
    private FailoverNames() {
    }

    public static String setIdentifier(String project, String region) {
        return project + "-" + region;
    }

    /** The region of the topology a set identifier names, or empty for one that is not ours or unknown. */
    public static Optional<String> regionOf(String project, String setIdentifier, List<String> regions) {
        if (setIdentifier == null) {
            return Optional.empty();
        }
        return regions.stream().filter(r -> setIdentifier.equals(setIdentifier(project, r))).findFirst();
    }

    /** Whether a set identifier looks like one of this project's (any region, known or not). */
    public static boolean isProjects(String project, String setIdentifier) {
        return setIdentifier != null && setIdentifier.startsWith(project + "-");
    }

    /** The Name tag of a region's health check. */
    public static String healthCheckName(String project, String region) {
        return project + "-health-" + region;
    }
}

package io.devopscli.resources.route53;

import io.devopscli.resources.ResourceTraits;

/**
 * The topology's public hosted zone (failover.hostedZone) and the domain whose failover records live in
 * it. The comment is set only on a zone this tool creates.
 */
public record HostedZoneSpec(String name, String domain, String comment) implements ResourceTraits {
    /** Replacing it loses data or takes long to bring back: see ResourceTraits. */
    @Override
    public boolean guardedAgainstReplace() {
        return true;
    }

    public static HostedZoneSpec forProject(String project, String zone, String domain) {
        return new HostedZoneSpec(zone, domain, "Managed by devops-cli for " + project);
    }
}

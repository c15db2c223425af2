package io.devopscli.cli;

import io.devopscli.resources.route53.ActiveRegion;
import io.devopscli.topology.RegionSpec;
import io.devopscli.topology.Topology;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * The replication source: the region serving production, read from Route 53's failover records (code
 * follows traffic), else the topology's primary, for replicate (status reads the whole chain itself).
 */
final class SourceRegion {
    private SourceRegion() {
    }

    /** The active region per Route 53; empty when there are no records yet or they cannot be read (said on err). */
    static Optional<String> active(Session session, PrintWriter err) {
        Topology topology = session.topology();
        try {
            return new ActiveRegion(session.clients(topology.regions().get(0).name()).route53(), topology.project())
                    .of(topology.failover().hostedZone(), topology.failover().domain(),
                            session.wholeTopology().regions().stream().map(RegionSpec::name).toList())
                    .flatMap(ActiveRegion.Serving::active);
        } catch (RuntimeException e) {
            err.println("devops-cli: cannot read the active region from Route 53: " + e.getMessage());
            return Optional.empty();
        }
    }

    static String read(Session session, PrintWriter err) {
        return active(session, err).orElseGet(() -> {
            String primary = session.wholeTopology().primary().name();
            err.println("No active region in Route 53 yet: replicating from the topology's primary, " + primary + ".");
            return primary;
        });
    }
}

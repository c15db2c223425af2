package io.devopscli.resources;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Progress;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.RegionGraph;
import io.devopscli.topology.RegionSpec;
import io.devopscli.topology.Topology;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.AvailabilityZoneState;

/** Turns the topology into one resource graph per region: the only place that knows every layer. */
public final class Architecture {
    private Architecture() {
    }

    /**
     * @param clientsFor the service clients of a region
     * @param progressFor where a region's progress goes
     */
    public static RegionGraph graph(Topology topology, RegionSpec region, AwsClients clients, Progress progress) {
        return graph(topology, region, clients, progress, true);
    }

    /** @param wholeTopologyInRun false under --regions: layers spanning regions must not wait for the others */
    static RegionGraph graph(Topology topology, RegionSpec region, AwsClients clients, Progress progress,
                             boolean wholeTopologyInRun) {
        RegionGraph graph = new RegionGraph(new RegionContext(region.name(), topology.project(), clients, progress));
        NetworkLayer.Outputs network = new NetworkLayer(topology, region,
                availabilityZones(clients, topology.network().azs())).addTo(graph);
        DeliveryLayer.Outputs delivery = new DeliveryLayer(topology, region.name(), network).addTo(graph);
        new MonitoringLayer(topology, region, delivery).addTo(graph);
        new FailoverLayer(topology, region.name(), wholeTopologyInRun).addTo(graph);
        new ReplicationLayer(topology, region).addTo(graph);
        return graph;
    }

    /**
     * @param topology the whole topology, even when a run is limited to some regions: a layer that spans
     *                 regions (the failover records) must still see them all
     * @param run      the regions this run builds graphs for
     */
    public static List<RegionGraph> graphs(Topology topology, List<RegionSpec> run, Function<String, AwsClients> clientsFor,
                                           Function<String, Progress> progressFor) {
        boolean whole = run.size() == topology.regions().size();
        // One thread per region, not a parallel stream: its pool has as many threads as cores, and each
        // region's graph waits on a describe of its zones, so two cores would build two regions at a time.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, run.size()), r -> {
                    Thread t = new Thread(r, "devops-cli-graph");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<java.util.concurrent.CompletableFuture<RegionGraph>> pending = run.stream()
                    .map(r -> java.util.concurrent.CompletableFuture.supplyAsync(() -> graph(topology, r,
                            clientsFor.apply(r.name()), progressFor.apply(r.name()), whole), pool))
                    .toList();
            List<RegionGraph> graphs = new java.util.ArrayList<>();
            for (java.util.concurrent.CompletableFuture<RegionGraph> f : pending) {
                try {
                    graphs.add(f.join());
                } catch (java.util.concurrent.CompletionException e) {
                    throw e.getCause() instanceof RuntimeException re ? re : e;
                }
            }
            return graphs;
        } finally {
            pool.shutdown();
        }
    }

    /**
     * The first n available zones of the region, by name. Zone names are per account, so they are read
     * rather than guessed from the region name.
     */
    static List<String> availabilityZones(AwsClients clients, int n) {
        List<String> zones = AwsCall.call(() -> clients.ec2().describeAvailabilityZones())
                .availabilityZones().stream()
                .filter(z -> z.state() == AvailabilityZoneState.AVAILABLE)
                // Local and Wavelength zones cannot hold these subnets; the filter is applied here because
                // not every endpoint implements the zone-type filter.
                .filter(z -> z.zoneType() == null || "availability-zone".equals(z.zoneType()))
                .map(AvailabilityZone::zoneName)
                .sorted(Comparator.naturalOrder())
                .toList();
        if (zones.size() < n) {
            throw new IllegalStateException("region " + clients.region() + " has " + zones.size()
                    + " available zones; the topology asks for " + n);
        }
        return zones.subList(0, n);
    }
}

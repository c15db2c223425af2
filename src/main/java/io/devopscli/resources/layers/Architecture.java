package io.devopscli.resources.layers;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Progress;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.RegionGraph;
import io.devopscli.topology.RegionSpec;
import io.devopscli.topology.Topology;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.AvailabilityZoneState;

/** Turns the topology into one resource graph per region: the only place that knows every layer. */
public final class Architecture {
    /** How long the first read of a region (its zones) may be retried before the region fails alone. */
    private static final java.time.Duration ZONES_BOUND = java.time.Duration.ofSeconds(20);

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
        return graph(topology, region, clients, progress, wholeTopologyInRun,
                availabilityZones(clients, topology.network().azs()));
    }

    private static RegionGraph graph(Topology topology, RegionSpec region, AwsClients clients, Progress progress,
                                     boolean wholeTopologyInRun, List<String> zones) {
        RegionGraph graph = new RegionGraph(new RegionContext(region.name(), topology.project(), clients, progress));
        NetworkLayer.Outputs network = new NetworkLayer(topology, region, zones).addTo(graph);
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
        // One thread per region, not a parallel stream: its pool has as many threads as cores, and each
        // region's graph waits on a describe of its zones, so two cores would build two regions at a time.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, run.size()), r -> {
                    Thread t = new Thread(r, "devops-cli-graph");
                    t.setDaemon(true);
                    return t;
                });
        try {
            // First every region's zones: a region that cannot be reached or read fails alone, named, and
            // the others are still built.
            Map<String, Object> zones = new ConcurrentHashMap<>();
            java.util.concurrent.CompletableFuture.allOf(run.stream()
                    .map(r -> java.util.concurrent.CompletableFuture.runAsync(() -> {
                        try {
                            zones.put(r.name(), availabilityZones(clientsFor.apply(r.name()), topology.network().azs()));
                        } catch (RuntimeException e) {
                            zones.put(r.name(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                        }
                    }, pool))
                    .toArray(java.util.concurrent.CompletableFuture[]::new)).join();
            // Layers spanning regions (the failover records) wait for every region only when all are in the run.
            boolean whole = run.size() == topology.regions().size()
                    && zones.values().stream().allMatch(z -> z instanceof List);
            List<java.util.concurrent.CompletableFuture<RegionGraph>> pending = run.stream()
                    .map(r -> java.util.concurrent.CompletableFuture.supplyAsync(
                            () -> regionGraph(topology, r, clientsFor, progressFor, whole, zones.get(r.name())), pool))
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

    private static RegionGraph regionGraph(Topology topology, RegionSpec r, Function<String, AwsClients> clientsFor,
                                           Function<String, Progress> progressFor, boolean whole, Object zones) {
        AwsClients clients = clientsFor.apply(r.name());
        Progress progress = progressFor.apply(r.name());
        if (zones instanceof String reason) {
            progress.info("region " + r.name() + " cannot be read: " + reason);
            return RegionGraph.unreadable(new RegionContext(r.name(), topology.project(), clients, progress), reason);
        }
        @SuppressWarnings("unchecked")
        List<String> azs = (List<String>) zones;
        return graph(topology, r, clients, progress, whole, azs);
    }

    /**
     * The first n available zones of the region, by name. Zone names are per account, so they are read
     * rather than guessed from the region name.
     */
    static List<String> availabilityZones(AwsClients clients, int n) {
        // Bounded well below the run's retry bound: a region that cannot answer this fails fast and alone.
        List<String> zones = AwsCall.within(ZONES_BOUND, () -> clients.ec2().describeAvailabilityZones())
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

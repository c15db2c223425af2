package io.devopscli.cli;

import io.devopscli.aws.AwsClients;
import io.devopscli.aws.AwsFailure;
import io.devopscli.aws.ClientSettings;
import io.devopscli.aws.Preflight;
import io.devopscli.engine.Engine;
import io.devopscli.engine.Progress;
import io.devopscli.engine.RegionGraph;
import io.devopscli.resources.layers.Architecture;
import io.devopscli.resources.lock.ProjectLock;
import io.devopscli.topology.RegionSpec;
import io.devopscli.topology.Topology;
import io.devopscli.topology.TopologyLoader;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every subcommand needs for one run: the validated topology (limited to --regions), AWS clients
 * per region that count their calls, the engine, and where progress goes. Everything up to the graphs is
 * checked before the first AWS call.
 */
final class Session implements AutoCloseable {
    /**
     * Nodes mostly wait (on AWS, or in waiters of minutes for NAT gateways and load balancers), so the
     * pool is sized for waiting threads, not cores: a wait never holds up an independent branch. The plan
     * starts every node's observation at once, and one that needs a parent's id waits for it on its
     * thread: with 64 threads for the 263 nodes of three regions, the first region's nodes held them all
     * while the others queued (a converged three-region up: 30 calls in flight at most, 75 now). The
     * pool makes a thread only when a node needs one (about 90 per region), never more than this.
     */
    private static final int WORKER_THREADS = 512;

    private final Topology topology;
    /** The topology before --regions: layers spanning regions (failover records) must see every region. */
    private final Topology wholeTopology;
    private final ClientSettings settings;
    private final PrintWriter err;
    private final Map<String, AwsClients> clients = new ConcurrentHashMap<>();
    /** Shared by every region's clients: the preflight's GetCallerIdentity is the run's only one. */
    private final io.devopscli.aws.RunReads reads = io.devopscli.aws.RunReads.shared();
    private final Engine engine = new Engine(WORKER_THREADS, new io.devopscli.resources.ReplacementReactions());
    private boolean preflightDone;
    private AwsFailure preflightFailure;

    private final ProgressDisplay display;

    private Session(Topology topology, Topology wholeTopology, ClientSettings settings, PrintWriter err) {
        this.display = ProgressDisplay.forStderr(err);
        this.topology = topology;
        this.wholeTopology = wholeTopology;
        this.settings = settings;
        this.err = err;
    }

    /** Loads and validates the topology and the --regions filter; makes no AWS call. */
    static Session open(CommonOptions options, PrintWriter err) {
        if (!java.nio.file.Files.exists(options.config)) {
            throw new MissingConfigException(options.config);
        }
        Topology whole = TopologyLoader.load(options.config);
        Topology topology = whole;
        if (options.regions != null && !options.regions.isEmpty()) {
            List<String> unknown = new ArrayList<>();
            for (String r : options.regions) {
                if (topology.region(r).isEmpty()) {
                    unknown.add(r);
                }
            }
            if (!unknown.isEmpty()) {
                throw new UsageException("--regions names " + String.join(", ", unknown) + ", not in the topology ("
                        + String.join(", ", topology.regions().stream().map(RegionSpec::name).toList()) + ")");
            }
            topology = topology.onlyRegions(options.regions);
        }
        ClientSettings settings;
        try {
            settings = ClientSettings.resolve(options.endpointUrl, options.profile);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new Session(topology, whole, settings, err);
    }

    Topology topology() {
        return topology;
    }

    /** The topology before --regions. */
    Topology wholeTopology() {
        return wholeTopology;
    }

    Engine engine() {
        return engine;
    }

    ClientSettings settings() {
        return settings;
    }

    /** The region's clients; the first use checks, once per run, that AWS can be reached at all (Preflight). */
    AwsClients clients(String region) {
        AwsClients c = clients.computeIfAbsent(region, r -> new AwsClients(r, settings, reads));
        preflight(c);
        return c;
    }

    /**
     * The credentials the region's clients sign with, without the preflight: signing git requests to
     * other git servers (--git-url) needs them resolved lazily, and no AWS call.
     */
    software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials(String region) {
        return clients.computeIfAbsent(region, r -> new AwsClients(r, settings, reads)).credentials();
    }

    private synchronized void preflight(AwsClients c) {
        if (preflightFailure != null) {
            throw preflightFailure;
        }
        if (!preflightDone) {
            try {
                Preflight.check(c);
            } catch (AwsFailure f) {
                preflightFailure = f;
                throw f;
            }
            preflightDone = true;
        }
    }

    /** One graph per region of the run; reads each region's availability zones. */
    List<RegionGraph> graphs() {
        display.liveOnly("connecting to " + settings.endpoint().map(Object::toString).orElse("AWS"));
        reads.newPlan(); // fresh graphs read global services afresh too
        List<RegionGraph> graphs = Architecture.graphs(wholeTopology, topology.regions(), this::clients, this::progress);
        graphs.forEach(g -> display.reading(g.region(), g.nodes().size()));
        return graphs;
    }

    /**
     * Takes the project's lock in the primary region (of the whole topology: --regions does not move it),
     * waiting up to timeout for another run. Close it to release.
     */
    ProjectLock lock(String command, java.time.Duration timeout) {
        return lock(command, timeout, null);
    }

    /**
     * Takes the lock by a write conditional on what {@link #readLock} saw (null: nothing seen); when that
     * goes through, {@link ProjectLock#unchangedSinceSeen()} says a plan read after it still holds.
     */
    ProjectLock lock(String command, java.time.Duration timeout, ProjectLock.Seen seen) {
        AwsClients primary = clients(wholeTopology.primary().name());
        Progress progress = progress(wholeTopology.primary().name());
        return seen == null ? ProjectLock.acquire(primary, topology.project(), command, timeout, progress)
                : ProjectLock.acquire(primary, topology.project(), command, timeout, progress, seen);
    }

    /**
     * The graphs, and the project lock as it was before any of the plan's reads: read in parallel with
     * the graphs' own reads (availability zones), so it adds no round trip to the plan.
     */
    GraphsAndLock graphsSeeingLock() {
        java.util.concurrent.CompletableFuture<ProjectLock.Seen> seen = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> ProjectLock.seen(primaryClients(), topology.project()));
        List<RegionGraph> graphs = graphs();
        try {
            return new GraphsAndLock(graphs, seen.join());
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** What a run that may change things plans from: the graphs, and the lock seen before reading them. */
    record GraphsAndLock(List<RegionGraph> graphs, ProjectLock.Seen lock) {}

    /** The clients of the primary region of the whole topology, where the lock lives. */
    AwsClients primaryClients() {
        return clients(wholeTopology.primary().name());
    }

    Progress progress(String region) {
        return display.forRegion(region);
    }

    /** The progress display (live line on a terminal, timestamped lines elsewhere). */
    ProgressDisplay display() {
        return display;
    }

    /**
     * Applies (or destroys) with the progress counted against the plan's changes; the first Ctrl-C stops
     * starting new changes and this returns when the ones in flight have finished.
     */
    io.devopscli.engine.RunReport run(io.devopscli.engine.Plan plan, boolean destroy) {
        display.applying((int) plan.allChanges().stream().filter(c -> c.action().mutates()).count());
        Interrupts.whileChanging(engine::stopStarting);
        try {
            return destroy ? engine.destroy(plan) : engine.apply(plan);
        } finally {
            Interrupts.doneChanging();
            display.pause();
        }
    }

    @Override
    public void close() {
        display.close();
        engine.close();
        clients.values().forEach(AwsClients::close);
    }
}

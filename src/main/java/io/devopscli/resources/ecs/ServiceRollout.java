package io.devopscli.resources.ecs;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.EndpointCapabilities;
import io.devopscli.engine.InParallel;
import io.devopscli.engine.Node;
import io.devopscli.engine.NodeResult;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.RunReport;
import io.devopscli.engine.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;

/**
 * After an apply, waits until every ECS service it created or updated has rolled out (RolloutCheck),
 * all services and regions at once, reporting task counts as they move. Services' dependents (scaling,
 * alarms) do not wait for this: only the command's end does, so the apply's critical path stays short.
 *
 * <p>Where the endpoint runs no tasks (EndpointCapabilities.runsTasks is false) counts never move and a
 * wait could never end: there each service is checked once, and the output says so.
 */
public final class ServiceRollout {
    /** Steady state takes minutes on AWS; a rollout that has not settled in 30 fails the command. */
    public static final Duration TIMEOUT = Duration.ofMinutes(30);
    public static final String ENDPOINT_NOTE = "ECS task counts do not move on this endpoint (it runs no tasks and"
            + " reports a constant runningCount): each service was checked once instead of waited for";

    private final Waiter waiter;
    private final boolean checkOnce;

    ServiceRollout(Waiter waiter, boolean checkOnce) {
        this.waiter = waiter;
        this.checkOnce = checkOnce;
    }

    /** Waits for the rollouts where the endpoint runs tasks, checks each service once where it does not. */
    public static ServiceRollout forRun(EndpointCapabilities capabilities) {
        return new ServiceRollout(new Waiter(TIMEOUT, Duration.ofSeconds(2), Waiter.MAX_POLL_INTERVAL),
                !capabilities.runsTasks());
    }

    /** What the wait found, per service. */
    public record Outcome(String region, String service, RolloutCheck check) {}

    public boolean checksOnce() {
        return checkOnce;
    }

    /** The services the report shows created, replaced or updated, checked or waited for in parallel. */
    public List<Outcome> await(List<RegionGraph> graphs, RunReport report) {
        // one thread each (not the common pool, which has one thread on two cores): every service is
        // polled and reported while the others roll out
        List<java.util.function.Supplier<Outcome>> pending = new ArrayList<>();
        for (RegionGraph graph : graphs) {
            for (Node<?, ?> node : graph.nodes()) {
                if (node.reconciler() instanceof ServiceReconciler && changed(report, node)) {
                    Optional<ServiceState> state = graph.context().actualOf(node.key(), ServiceState.class);
                    state.ifPresent(s -> pending.add(InParallel.start(() -> awaitOne(graph.context(), s))));
                }
            }
        }
        return pending.stream().map(java.util.function.Supplier::get).toList();
    }

    private static boolean changed(RunReport report, Node<?, ?> node) {
        return report.results().stream().anyMatch(r -> r.key().equals(node.key())
                && r.outcome() == NodeResult.Outcome.DONE && r.action().mutates());
    }

    private Outcome awaitOne(RegionContext ctx, ServiceState s) {
        var ecs = ctx.services(AwsClients.class).ecs();
        String what = "ecs service " + s.name() + " in " + ctx.region() + " rolling out";
        AtomicReference<RolloutCheck> last = new AtomicReference<>();
        try {
            RolloutCheck done = waiter.until(what, ctx.progress(), () -> {
                Service service = AwsCall.call(() -> ecs.describeServices(r -> r.cluster(s.clusterArn()).services(s.name())
                        .include(ServiceField.TAGS)).services()).stream().findFirst()
                        .orElseThrow(() -> new IllegalStateException("ecs service " + s.name() + " vanished"));
                RolloutCheck check = RolloutCheck.of(service);
                RolloutCheck before = last.getAndSet(check);
                if (before == null || !before.detail().equals(check.detail())) {
                    ctx.progress().info(what + ": " + check.detail());
                }
                return check.state() == RolloutCheck.State.IN_PROGRESS && !checkOnce ? Optional.empty() : Optional.of(check);
            });
            return new Outcome(ctx.region(), s.name(), done);
        } catch (Waiter.WaitTimeoutException e) {
            return new Outcome(ctx.region(), s.name(), new RolloutCheck(RolloutCheck.State.FAILED, e.getMessage()));
        } catch (RuntimeException e) {
            return new Outcome(ctx.region(), s.name(), new RolloutCheck(RolloutCheck.State.FAILED,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }
}

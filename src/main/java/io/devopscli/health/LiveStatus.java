package io.devopscli.health;

import io.devopscli.aws.AwsClients;
import io.devopscli.aws.AwsErrors;
import io.devopscli.aws.EndpointCapabilities;
import io.devopscli.engine.InParallel;
import io.devopscli.resources.codepipeline.PipelineStateQuery;
import io.devopscli.resources.codepipeline.PipelineStatus;
import io.devopscli.resources.ecs.FirstImage;
import io.devopscli.resources.ecs.ServiceHealth;
import io.devopscli.resources.naming.ResourceNames;
import io.devopscli.resources.elbv2.LoadBalancerEndpoint;
import io.devopscli.resources.elbv2.TargetHealthQuery;
import io.devopscli.topology.Topology;
import java.net.URI;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.ecs.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What `status` shows beside the sync state: per environment of the topology (in its order) the ECS task
 * counts, the commit it runs and target health, the
 * load balancer's URL with a short probe, and the pipeline's latest run. Anything the endpoint cannot
 * answer reads "unavailable: <reason>"; nothing here throws or changes anything.
 */
public final class LiveStatus {
    private final Topology topology;
    private final EndpointCapabilities endpoint;
    private final HttpProbe probe;
    private final PipelineStateQuery pipelines;
    private final ResourceNames names;

    /** @param endpoint what the endpoint cannot answer (no tasks, no real DNS names, no pipeline executions) */
    public LiveStatus(Topology topology, EndpointCapabilities endpoint, HttpProbe probe, PipelineStateQuery pipelines) {
        this.topology = topology;
        this.endpoint = endpoint;
        this.probe = probe;
        this.pipelines = pipelines;
        this.names = ResourceNames.of(topology);
    }

    /** The region's checks in their order; every chain of reads they need starts at once. */
    public List<LiveCheck> collect(AwsClients clients) {
        List<String> environments = topology.app().environmentNames();
        List<Supplier<List<LiveCheck>>> pending = new ArrayList<>();
        for (String env : environments) {
            pending.add(InParallel.start(() -> environment(clients, env)));
        }
        pending.add(InParallel.start(() -> urlAndProbes(clients, environments)));
        pending.add(InParallel.start(() -> List.of(guard("pipeline", () -> pipeline(clients)))));
        pending.add(InParallel.start(() -> List.of(guard("alarms", () -> alarms(clients)))));
        List<LiveCheck> checks = new ArrayList<>();
        pending.forEach(p -> checks.addAll(p.get()));
        return checks;
    }

    /**
     * An environment's task counts, the commit it runs and its targets: one read of the service gives the
     * counts and its task definition, whose image says whether there are targets to ask for yet.
     */
    private List<LiveCheck> environment(AwsClients clients, String env) {
        String ecsCheck = "ecs " + env;
        Optional<Service> service;
        try {
            service = ServiceHealth.read(clients.ecs(), names.cluster(), names.service(env));
        } catch (RuntimeException e) {
            return List.of(LiveCheck.unavailable(ecsCheck, AwsErrors.reason(e)), commit(env, Optional.empty()),
                    guard("targets " + env, () -> targets(clients, env)));
        }
        Optional<String> image;
        try {
            image = service.filter(s -> "ACTIVE".equals(s.status()))
                    .flatMap(s -> FirstImage.imageOf(clients.ecs(), s.taskDefinition()));
        } catch (RuntimeException e) {
            image = Optional.empty();
        }
        boolean awaiting = image.isPresent() && FirstImage.awaiting(image.get());
        LiveCheck targets = awaiting ? new LiveCheck("targets " + env, true, "none yet: " + FirstImage.WAITING)
                : guard("targets " + env, () -> targets(clients, env));
        return List.of(ecs(env, service, awaiting), commit(env, image), targets);
    }

    /** The load balancer's URL, then a probe of every environment through it, all at once. */
    private List<LiveCheck> urlAndProbes(AwsClients clients, List<String> environments) {
        Optional<String> url = Optional.empty();
        LiveCheck urlCheck;
        try {
            url = new LoadBalancerEndpoint(clients.elbv2()).url(topology.project(), names.loadBalancer(),
                    topology.failover().https());
            urlCheck = url.map(u -> new LiveCheck("url", true, u))
                    .orElse(new LiveCheck("url", false, "no load balancer"));
        } catch (RuntimeException e) {
            urlCheck = LiveCheck.unavailable("url", AwsErrors.reason(e));
        }
        Optional<String> found = url;
        List<LiveCheck> checks = new ArrayList<>(List.of(urlCheck));
        checks.addAll(InParallel.each(environments, env -> probe(env, found)).values());
        return checks;
    }

    /** Which commit the service's task definition runs (its image's tag), or that it waits for the first. */
    private static LiveCheck commit(String env, Optional<String> image) {
        String name = "commit " + env;
        if (image.isEmpty()) {
            return LiveCheck.unavailable(name, "no service or task definition to read");
        }
        if (FirstImage.awaiting(image.get())) {
            return new LiveCheck(name, true, FirstImage.WAITING);
        }
        return new LiveCheck(name, true, FirstImage.commitOf(image.get()).orElse(image.get()) + " (" + image.get() + ")");
    }

    private LiveCheck ecs(String env, Optional<Service> read, boolean awaitingFirstImage) {
        String service = names.service(env);
        return read.map(ServiceHealth::counts)
                .map(c -> awaitingFirstImage && c.desired() == 0
                        ? new LiveCheck("ecs " + env, true, "0 tasks: " + FirstImage.WAITING)
                        : new LiveCheck("ecs " + env, c.desired() > 0 && c.running() >= c.desired(),
                        c.running() + " running / " + c.desired() + " desired"
                                // AWS never reports a negative count; the emulator derives one (desired - running)
                                + (c.pending() >= 0 ? ", " + c.pending() + " pending" : "") + ", rollout " + c.rollout()))
                .orElse(new LiveCheck("ecs " + env, false, "service " + service + " missing"));
    }

    private LiveCheck targets(AwsClients clients, String env) {
        String name = names.targetGroup(env);
        return new TargetHealthQuery(clients.elbv2()).countsOfOwned(topology.project(), name)
                .map(c -> !endpoint.runsTasks() && c.render().equals("no targets")
                        // the emulator runs no tasks, so nothing ever registers in its target groups
                        ? LiveCheck.notApplicable("targets " + env, "no targets: the emulator runs no tasks")
                        : new LiveCheck("targets " + env, c.of("healthy") > 0, c.render()))
                .orElse(new LiveCheck("targets " + env, false, "target group " + name + " missing"));
    }

    /** The last environment answers on the listener's default action; each other one through its Host rule. */
    private LiveCheck probe(String env, Optional<String> url) {
        String name = "probe " + env;
        if (url.isEmpty()) {
            return LiveCheck.unavailable(name, "no load balancer URL");
        }
        URI target = URI.create(url.get()).resolve(topology.app().healthCheckPath());
        if (!endpoint.realDnsNames() && !isLoopback(target.getHost())) {
            return LiveCheck.notApplicable(name, target.getHost() + " is the emulator's name, not a real one");
        }
        // over HTTPS, the last environment is asked for by the domain too: that is the name on the certificate
        String host = !topology.app().isLast(env) ? ResourceNames.environmentHost(env, topology.failover().domain())
                : topology.failover().https() ? topology.failover().domain() : null;
        HttpProbe.Result result = probe.get(target, host);
        return new LiveCheck(name, result.healthy(), target + (host == null ? "" : " (Host: " + host + ")") + " -> " + result);
    }

    private LiveCheck pipeline(AwsClients clients) {
        PipelineStatus status = pipelines.latest(clients.codepipeline(), names.pipeline());
        boolean failed = status.stages().stream().anyMatch(s -> "Failed".equals(s.status()));
        if (!endpoint.pipelineExecutions() && !status.available() && status.summary().contains("NotImplementedByEndpoint")) {
            return LiveCheck.notApplicable("pipeline", "the emulator has no pipeline executions (GetPipelineState)");
        }
        return new LiveCheck("pipeline", status.available() && !failed, status.summary());
    }

    /** The project's alarms now in ALARM, by name; "none in ALARM" when all is quiet. */
    private LiveCheck alarms(AwsClients clients) {
        List<String> firing = clients.cloudwatch().describeAlarmsPaginator(r -> r
                        .alarmNamePrefix(ResourceNames.alarmPrefix(topology.project())).stateValue(StateValue.ALARM))
                // checked here too: an endpoint may ignore the state filter when a prefix is given
                .metricAlarms().stream().filter(a -> a.stateValue() == StateValue.ALARM)
                .map(MetricAlarm::alarmName).sorted().toList();
        return firing.isEmpty() ? new LiveCheck("alarms", true, "none in ALARM")
                : new LiveCheck("alarms", false, firing.size() + " in ALARM: " + String.join(", ", firing));
    }

    private static boolean isLoopback(String host) {
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }

    private static LiveCheck guard(String name, Supplier<LiveCheck> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            return LiveCheck.unavailable(name, AwsErrors.reason(e));
        }
    }
}

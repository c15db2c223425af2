package io.devopscli.resources.route53;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.Tags;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import io.devopscli.engine.WaitFor;
import io.devopscli.engine.Waiter;
import io.devopscli.resources.elbv2.LoadBalancerEndpoint;
import io.devopscli.resources.elbv2.LoadBalancerState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HealthCheck;
import software.amazon.awssdk.services.route53.model.HealthCheckConfig;
import software.amazon.awssdk.services.route53.model.TagResourceType;

/**
 * A region's Route 53 health check: HTTP on its load balancer's DNS name. Route 53 is global, but each
 * region's graph holds its own health check, after that region's load balancer. Publishes the health
 * check id, which the failover records read back by Name tag (they live in the primary region's graph).
 */
public final class HealthCheckReconciler implements Reconciler<HealthCheckSpec, HealthCheckState>,
        Updatable<HealthCheckSpec, HealthCheckState> {
    static final String MISSING_LOAD_BALANCER = "(no load balancer)";
    private final Waiter inUseWaiter;

    public HealthCheckReconciler() {
        this(Waiter.upTo(Duration.ofMinutes(5)));
    }

    /** @param inUseWaiter how long delete waits while the failover records still use the check */
    public HealthCheckReconciler(Waiter inUseWaiter) {
        this.inUseWaiter = inUseWaiter;
    }

    @Override
    public Optional<HealthCheckState> observe(HealthCheckSpec spec, RegionContext ctx) {
        return HealthChecks.named(HealthChecks.memoised(ctx, r53(ctx)), spec.name())
                .map(o -> state(o, loadBalancerDns(spec, ctx).orElse(null)));
    }

    @Override
    public List<FieldChange> diff(HealthCheckSpec spec, HealthCheckState actual) {
        return new Diffs()
                .immutable("type", spec.type(), actual.type())
                // UpdateHealthCheck cannot change the interval
                .immutable("requestInterval", spec.requestInterval(), actual.requestInterval())
                .field("fullyQualifiedDomainName", actual.desiredFqdn() == null ? MISSING_LOAD_BALANCER
                        : actual.desiredFqdn(), actual.fqdn())
                .field("port", spec.port(), actual.port())
                .field("resourcePath", spec.path(), actual.path())
                .field("failureThreshold", spec.failureThreshold(), actual.failureThreshold())
                .field("ownershipTag", Tags.OWNER_KEY, actual.tagged() ? Tags.OWNER_KEY : "missing")
                .toList();
    }

    @Override
    public HealthCheckState create(HealthCheckSpec spec, RegionContext ctx) {
        Route53Client r53 = r53(ctx);
        String fqdn = requireLoadBalancerDns(spec, ctx);
        // created since the plan (or by a run that stopped before tagging): bring that one in line instead
        Optional<HealthChecks.Owned> existing = HealthChecks.named(HealthChecks.owned(r53, ctx.project()), spec.name());
        if (existing.isPresent()) {
            HealthCheckState found = state(existing.get(), fqdn);
            List<FieldChange> left = diff(spec, found);
            return left.isEmpty() ? found : update(spec, found, left, ctx);
        }
        String callerReference = HealthChecks.callerReference(ctx.project(), spec.region());
        // One CallerReference for every attempt (AWS then returns the first health check), and a look
        // before each retry, for endpoints that do not honour it (the emulator makes a second one).
        Route53Client once = ctx.services(io.devopscli.aws.AwsClients.class).once().route53();
        HealthCheck created = io.devopscli.aws.CreateOnce.create(
                () -> HealthChecks.named(HealthChecks.owned(r53, ctx.project()), spec.name()).map(HealthChecks.Owned::check),
                () -> once.createHealthCheck(r -> r.callerReference(callerReference)
                .healthCheckConfig(c -> c.type(spec.type()).fullyQualifiedDomainName(fqdn).port(spec.port())
                        .resourcePath(spec.path()).failureThreshold(spec.failureThreshold())
                        .requestInterval(spec.requestInterval()))).healthCheck());
        Route53Calls.tag(r53, TagResourceType.HEALTHCHECK, created.id(), Tags.owned(ctx.project(), spec.name()));
        ctx.forget(HealthChecks.MEMO);
        return state(new HealthChecks.Owned(created, spec.name(), true), fqdn);
    }

    @Override
    public HealthCheckState update(HealthCheckSpec spec, HealthCheckState actual, List<FieldChange> changes,
                                   RegionContext ctx) {
        Route53Client r53 = r53(ctx);
        if (!actual.tagged()) {
            Route53Calls.tag(r53, TagResourceType.HEALTHCHECK, actual.id(), Tags.owned(ctx.project(), spec.name()));
        }
        String fqdn = requireLoadBalancerDns(spec, ctx);
        HealthCheck updated = AwsCall.call(() -> r53.updateHealthCheck(r -> r.healthCheckId(actual.id())
                .fullyQualifiedDomainName(fqdn).port(spec.port()).resourcePath(spec.path())
                .failureThreshold(spec.failureThreshold()))).healthCheck();
        ctx.forget(HealthChecks.MEMO);
        return state(new HealthChecks.Owned(updated, spec.name(), true), fqdn);
    }

    /**
     * Waits while the check is in use: in a run of down, the failover records that refer to it are
     * deleted by the primary region's graph, which runs in parallel with this region's.
     */
    @Override
    public void delete(HealthCheckState actual, RegionContext ctx) {
        Route53Client r53 = r53(ctx);
        WaitFor.retrying("deleting health check " + actual.name() + " (still used by the failover records)", () -> {
            Route53Calls.ignoringNotFound(() -> r53.deleteHealthCheck(r -> r.healthCheckId(actual.id())));
            return Boolean.TRUE;
        }).notYet("HealthCheckInUse").within(inUseWaiter).run(ctx.progress());
        ctx.forget(HealthChecks.MEMO);
    }

    @Override
    public String id(HealthCheckState actual) {
        return actual.id();
    }

    private static HealthCheckState state(HealthChecks.Owned owned, String desiredFqdn) {
        HealthCheckConfig c = owned.check().healthCheckConfig();
        return new HealthCheckState(owned.check().id(), owned.name(), owned.tagged(), c.typeAsString(),
                c.fullyQualifiedDomainName(), c.port() == null ? 0 : c.port(), c.resourcePath(),
                c.failureThreshold() == null ? 0 : c.failureThreshold(),
                c.requestInterval() == null ? 0 : c.requestInterval(), desiredFqdn);
    }

    /** The parent's DNS name as the graph published it, or read by the load balancer's name. */
    private static Optional<String> loadBalancerDns(HealthCheckSpec spec, RegionContext ctx) {
        return ctx.actualOf(spec.loadBalancer(), LoadBalancerState.class).map(LoadBalancerState::dnsName)
                .or(() -> new LoadBalancerEndpoint(ctx.services(AwsClients.class).elbv2())
                        .dnsName(ctx.project(), spec.loadBalancerName()));
    }

    private static String requireLoadBalancerDns(HealthCheckSpec spec, RegionContext ctx) {
        return loadBalancerDns(spec, ctx).orElseThrow(() -> new IllegalStateException("health check " + spec.name()
                + ": the load balancer " + spec.loadBalancerName() + " of " + ctx.region() + " does not exist"));
    }

    private static Route53Client r53(RegionContext ctx) {
        return ctx.services(AwsClients.class).route53();
    }
}

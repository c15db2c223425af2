package io.devopscli.resources.elbv2;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.Referencing;
import io.devopscli.engine.Refs;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.Updatable;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

/**
 * A listener of our load balancer, found by the load balancer's ARN and the port (a load balancer has at
 * most one listener per port). Ownership comes from the load balancer, which observe only finds when it
 * carries our tags; the listener is tagged too, for anyone reading the account. Publishes its ARN.
 */
public final class ListenerReconciler implements Reconciler<ListenerSpec, ListenerState>,
        Referencing<ListenerSpec, ListenerState>, Updatable<ListenerSpec, ListenerState> {

    @Override
    public Optional<ListenerState> observe(ListenerSpec spec, RegionContext ctx) {
        // no owned load balancer published yet: it will be created in this run, and the listener with it
        // one DescribeListeners per load balancer serves all its listeners' observes
        return ctx.idOf(spec.loadBalancer()).flatMap(lbArn -> ctx.memo("elbv2/listeners/" + lbArn,
                        () -> listeners(elb(ctx), lbArn)).flatMap(ls -> onPort(ls, spec.port())))
                .map(ListenerReconciler::state);
    }

    @Override
    public List<FieldChange> diff(ListenerSpec spec, ListenerState actual, Refs parents) {
        Diffs diffs = new Diffs()
                .field("protocol", spec.protocol(), actual.protocol())
                .field("defaultAction", spec.redirects() ? "redirect:" + RuleAction.TO_HTTPS
                                : RuleAction.desired(spec.defaultTargetGroup()),
                        RuleAction.render(actual.defaultActions(), parents));
        if (spec.certificate() != null) {
            diffs.field("certificate", spec.certificate().name(), actual.certificates().stream()
                            .map(parents::render).sorted().reduce((a, b) -> a + "," + b).orElse("none"))
                    .field("sslPolicy", spec.sslPolicy(), actual.sslPolicy());
        }
        return diffs.toList();
    }

    @Override
    public ListenerState create(ListenerSpec spec, RegionContext ctx) {
        ElasticLoadBalancingV2Client elb = elb(ctx);
        String lbArn = ctx.requireId(spec.loadBalancer());
        // AWS answers a repeated CreateListener with the existing one; the emulator adds a second listener on
        // the same port. One already there was adopted by the plan; this create is sent once per attempt,
        // with a look on the port before each retry, so a lost answer is not retried into a second listener.
        ElasticLoadBalancingV2Client once = ctx.services(io.devopscli.aws.AwsClients.class).once().elbv2();
        Listener created = io.devopscli.aws.CreateOnce.create(() -> onPort(elb, lbArn, spec.port()),
                () -> once.createListener(r -> {
                    r.loadBalancerArn(lbArn).protocol(spec.protocol()).port(spec.port())
                            .defaultActions(defaultAction(spec, ctx))
                            .tags(ElbTags.owned(ctx.project(), spec.name()));
                    if (spec.certificate() != null) {
                        r.certificates(c -> c.certificateArn(ctx.requireId(spec.certificate()))).sslPolicy(spec.sslPolicy());
                    }
                }).listeners().get(0));
        return state(created);
    }

    @Override
    public ListenerState update(ListenerSpec spec, ListenerState actual, List<FieldChange> changes,
                                RegionContext ctx) {
        ElasticLoadBalancingV2Client elb = elb(ctx);
        Listener modified = AwsCall.call(() -> elb.modifyListener(r -> {
            r.listenerArn(actual.arn()).protocol(spec.protocol()).defaultActions(defaultAction(spec, ctx));
            if (spec.certificate() != null) {
                r.certificates(c -> c.certificateArn(ctx.requireId(spec.certificate()))).sslPolicy(spec.sslPolicy());
            }
        })).listeners().get(0);
        return state(modified);
    }

    @Override
    public void delete(ListenerState actual, RegionContext ctx) {
        AwsCall.ignoringNotFound(() -> elb(ctx).deleteListener(r -> r.listenerArn(actual.arn())));
    }

    @Override
    public String id(ListenerState actual) {
        return actual.arn();
    }

    private static Optional<Listener> onPort(ElasticLoadBalancingV2Client elb, String lbArn, int port) {
        return listeners(elb, lbArn).flatMap(ls -> onPort(ls, port));
    }

    /** The load balancer's listeners, empty when it is gone. */
    private static Optional<List<Listener>> listeners(ElasticLoadBalancingV2Client elb, String lbArn) {
        return AwsCall.orEmpty(() -> elb.describeListenersPaginator(r -> r.loadBalancerArn(lbArn)).listeners()
                .stream().toList());
    }

    private static Optional<Listener> onPort(List<Listener> listeners, int port) {
        return listeners.stream().filter(l -> l.port() != null && l.port() == port).findFirst();
    }

    private static software.amazon.awssdk.services.elasticloadbalancingv2.model.Action defaultAction(
            ListenerSpec spec, RegionContext ctx) {
        return spec.redirects() ? RuleAction.redirectToHttps() : RuleAction.forward(ctx.requireId(spec.defaultTargetGroup()));
    }

    @Override
    public List<ResourceKey> references(ListenerSpec spec) {
        List<ResourceKey> keys = new java.util.ArrayList<>();
        if (spec.defaultTargetGroup() != null) {
            keys.add(spec.defaultTargetGroup());
        }
        if (spec.certificate() != null) {
            keys.add(spec.certificate());
        }
        return keys;
    }

    private static ListenerState state(Listener l) {
        return new ListenerState(l.listenerArn(), l.loadBalancerArn(), l.protocolAsString(),
                l.port() == null ? 0 : l.port(), RuleAction.of(l.defaultActions()),
                l.certificates().stream().map(c -> c.certificateArn()).toList(), l.sslPolicy());
    }

    private static ElasticLoadBalancingV2Client elb(RegionContext ctx) {
        return ctx.services(AwsClients.class).elbv2();
    }
}

package io.devopscli.resources.elbv2;

import static io.devopscli.resources.EngineHarness.key;
import static io.devopscli.resources.elbv2.ElbParents.ALB_GROUP;
import static io.devopscli.resources.elbv2.ElbParents.SUBNET_A;
import static io.devopscli.resources.elbv2.ElbParents.SUBNET_B;
import static io.devopscli.resources.elbv2.ElbParents.VPC;

import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.Waiter;
import java.time.Duration;
import java.util.List;

/** The keys, names and specs of the load balancing nodes as the graph builder wires them (project natproj). */
final class ElbStack {
    static final Waiter SHORT = new Waiter(Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMillis(200));
    static final ResourceKey ALB = key("elbv2/load-balancer", "alb");
    static final ResourceKey STAGING = key("elbv2/target-group", "staging");
    static final ResourceKey PRODUCTION = key("elbv2/target-group", "production");
    static final ResourceKey LISTENER = key("elbv2/listener", "http");
    static final ResourceKey RULE = key("elbv2/listener-rule", "staging");
    static final int APP_PORT = 8080;
    static final String DOMAIN = "app.example.com";

    private ElbStack() {
    }

    static LoadBalancerSpec alb() {
        return LoadBalancerSpec.internetFacing("natproj-alb", List.of(SUBNET_A, SUBNET_B), List.of(ALB_GROUP));
    }

    static TargetGroupSpec targetGroup(String env) {
        return TargetGroupSpec.forApp("natproj-" + env, VPC, APP_PORT, "/health");
    }

    static ListenerSpec listener() {
        return ListenerSpec.http("natproj-http", ALB, PRODUCTION);
    }

    static ListenerRuleSpec rule() {
        return new ListenerRuleSpec("natproj-staging", LISTENER, 10, "staging." + DOMAIN, STAGING);
    }

    /** Parents and the load balancer. */
    static void balancer(RegionGraph g, ElbParents parents, LoadBalancerSpec alb) {
        parents.addTo(g);
        g.add(ALB, new LoadBalancerReconciler(SHORT), alb, parentsOf(alb));
    }

    /** Parents, the load balancer and both target groups. */
    static void base(RegionGraph g, ElbParents parents, LoadBalancerSpec alb) {
        balancer(g, parents, alb);
        g.add(STAGING, new TargetGroupReconciler(), targetGroup("staging"), VPC);
        g.add(PRODUCTION, new TargetGroupReconciler(), targetGroup("production"), VPC);
    }

    /** Everything: base, the listener (after the load balancer and both target groups) and the rule. */
    static void full(RegionGraph g, ElbParents parents, ListenerRuleSpec rule) {
        base(g, parents, alb());
        g.add(LISTENER, new ListenerReconciler(), listener(), ALB, PRODUCTION);
        g.add(RULE, new ListenerRuleReconciler(), rule, LISTENER, STAGING);
    }

    /** What the graph builder must declare for the load balancer: its subnets and security groups. */
    static List<ResourceKey> parentsOf(LoadBalancerSpec alb) {
        List<ResourceKey> deps = new java.util.ArrayList<>(alb.subnets());
        deps.addAll(alb.securityGroups());
        return deps;
    }
}

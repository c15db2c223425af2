package io.devopscli.resources.ec2;

import static io.devopscli.resources.ec2.NetworkRun.PROJECT;
import static io.devopscli.resources.ec2.NetworkRun.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.Tags;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.ec2.SecurityGroupSpec.IngressRule;
import io.devopscli.testing.EmulatorTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

@EmulatorTest
class SecurityGroupReconcilerEmulatorTest {
    private static final ResourceKey VPC = key("vpc", "main");
    private static final ResourceKey WEB = key("security-group", "web");
    private static final ResourceKey APP = key("security-group", "app");
    private static final List<IngressRule> WEB_RULES = List.of(IngressRule.fromCidr(80, "0.0.0.0/0", "http"));

    private final NetworkRun run = new NetworkRun(g -> graph(g, WEB_RULES));

    /** The VPC and its two groups (see groups). */
    static void graph(RegionGraph g, List<IngressRule> webRules) {
        g.add(VPC, new VpcReconciler(), new VpcSpec("demo-us-east-1", "10.0.0.0/16"));
        groups(g, webRules);
    }

    /** In the graph's VPC: the web group takes the given rules; the app group takes 8080 from the web group. */
    static void groups(RegionGraph g, List<IngressRule> webRules) {
        g.add(WEB, new SecurityGroupReconciler(), new SecurityGroupSpec("demo-web", VPC, "load balancer", webRules), VPC);
        g.add(APP, new SecurityGroupReconciler(), new SecurityGroupSpec("demo-app", VPC, "app tasks",
                List.of(IngressRule.fromGroup(8080, WEB, "from the load balancer"))), VPC, WEB);
    }

    @AfterEach
    void close() {
        run.close();
    }

    @Test
    void basicCreatesBothGroupsWithTheirRules() {
        run.apply();

        SecurityGroup web = group("demo-web");
        SecurityGroup app = group("demo-app");
        String vpcId = run.ec2().describeVpcs(r -> r.filters(owner())).vpcs().get(0).vpcId();
        assertEquals(List.of(vpcId, vpcId, "load balancer"), List.of(web.vpcId(), app.vpcId(), web.description()));
        assertEquals(List.of("tcp 80 from 0.0.0.0/0"), rules(web));
        assertEquals(List.of("tcp 8080 from " + web.groupId()), rules(app));
        // Egress is left as AWS makes it: all traffic anywhere.
        assertEquals("-1", web.ipPermissionsEgress().get(0).ipProtocol());
        assertEquals("0.0.0.0/0", web.ipPermissionsEgress().get(0).ipRanges().get(0).cidrIp());
    }

    @Test
    void secondPlanIsEmpty() {
        run.apply();
        run.assertAllNoop();
    }

    @Test
    void ruleOpenedByHandIsFoundAsDriftAndRevoked() {
        run.apply();
        String id = group("demo-web").groupId();
        run.ec2().authorizeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(IpPermission.builder().ipProtocol("tcp")
                .fromPort(22).toPort(22).ipRanges(i -> i.cidrIp("0.0.0.0/0")).build()));

        Change change = run.onlyChange(WEB, Action.UPDATE);
        assertEquals(List.of(FieldChange.of("ingress", List.of("tcp 80 from 0.0.0.0/0"),
                List.of("tcp 22 from 0.0.0.0/0", "tcp 80 from 0.0.0.0/0"))), change.fields());
        run.apply();

        assertEquals(List.of("tcp 80 from 0.0.0.0/0"), rules(group("demo-web")));
        run.assertAllNoop();
    }

    @Test
    void ruleRevokedByHandIsAuthorizedAgain() {
        run.apply();
        SecurityGroup app = group("demo-app");
        run.ec2().revokeSecurityGroupIngress(r -> r.groupId(app.groupId()).ipPermissions(app.ipPermissions()));

        Change change = run.onlyChange(APP, Action.UPDATE);
        assertEquals(List.of(FieldChange.of("ingress", List.of("tcp 8080 from sg:web"), List.of())), change.fields());
        run.apply();

        assertEquals(List.of("tcp 8080 from " + group("demo-web").groupId()), rules(group("demo-app")));
        run.assertAllNoop();
    }

    @Test
    void ruleAddedToTheSpecIsAuthorized() {
        run.apply();
        run.respec(g -> graph(g, List.of(IngressRule.fromCidr(80, "0.0.0.0/0", "http"),
                IngressRule.fromCidr(443, "0.0.0.0/0", "https"))));

        Change change = run.onlyChange(WEB, Action.UPDATE);
        assertEquals(List.of(FieldChange.of("ingress", List.of("tcp 443 from 0.0.0.0/0", "tcp 80 from 0.0.0.0/0"),
                List.of("tcp 80 from 0.0.0.0/0"))), change.fields());
        run.apply();

        assertEquals(List.of("tcp 443 from 0.0.0.0/0", "tcp 80 from 0.0.0.0/0"), rules(group("demo-web")));
        run.assertAllNoop();
    }

    @Test
    void deletedByHandIsPlannedAsOneCreate() {
        run.apply();
        run.ec2().deleteSecurityGroup(r -> r.groupId(group("demo-app").groupId()));

        run.onlyChange(APP, Action.CREATE);
        run.apply();
        assertEquals(List.of("tcp 8080 from " + group("demo-web").groupId()), rules(group("demo-app")));
        run.assertAllNoop();
    }

    @Test
    void destroyDeletesGroupsThatReferenceEachOther() {
        run.apply();
        run.destroy();
        assertTrue(run.ec2().describeSecurityGroups(r -> r.filters(owner())).securityGroups().isEmpty());
        assertTrue(run.ec2().describeVpcs(r -> r.filters(owner())).vpcs().isEmpty());
    }

    private SecurityGroup group(String name) {
        List<SecurityGroup> found = run.ec2().describeSecurityGroups(r -> r.filters(owner(),
                Filter.builder().name("tag:Name").values(name).build())).securityGroups();
        assertEquals(1, found.size(), () -> "groups named " + name + ": " + found);
        return found.get(0);
    }

    /** Ingress as "tcp 80 from 0.0.0.0/0" or "tcp 8080 from sg-…", sorted, read straight from the SDK. */
    private static List<String> rules(SecurityGroup g) {
        List<String> rules = new ArrayList<>();
        for (IpPermission p : g.ipPermissions()) {
            p.ipRanges().forEach(r -> rules.add(p.ipProtocol() + " " + p.fromPort() + " from " + r.cidrIp()));
            p.userIdGroupPairs().forEach(u -> rules.add(p.ipProtocol() + " " + p.fromPort() + " from " + u.groupId()));
        }
        return rules.stream().sorted().toList();
    }

    private static Filter owner() {
        return Filter.builder().name("tag:" + Tags.OWNER_KEY).values(PROJECT).build();
    }
}

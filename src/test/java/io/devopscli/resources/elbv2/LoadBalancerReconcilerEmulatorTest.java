package io.devopscli.resources.elbv2;

import static io.devopscli.resources.EngineHarness.PROJECT;
import static io.devopscli.resources.elbv2.ElbParents.ALB_GROUP;
import static io.devopscli.resources.elbv2.ElbParents.OTHER_GROUP;
import static io.devopscli.resources.elbv2.ElbParents.SUBNET_A;
import static io.devopscli.resources.elbv2.ElbParents.SUBNET_B;
import static io.devopscli.resources.elbv2.ElbParents.SUBNET_C;
import static io.devopscli.resources.elbv2.ElbStack.ALB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.Tags;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.NodeResult;
import io.devopscli.engine.Plan;
import io.devopscli.engine.RunReport;
import io.devopscli.resources.EngineHarness;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

@EmulatorTest
class LoadBalancerReconcilerEmulatorTest {
    private EngineHarness harness;
    private ElasticLoadBalancingV2Client elb;
    private ElbParents parents;

    @BeforeEach
    void setUp() {
        io.devopscli.testing.Emulator.reset();
        harness = new EngineHarness(g -> { });
        parents = ElbParents.make(harness.clients().ec2());
        harness.desire(g -> ElbStack.balancer(g, parents, ElbStack.alb()));
        elb = harness.clients().elbv2();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void basicCreatesAnActiveInternetFacingAlbInThePublicSubnetsWithItsGroupAndTags() {
        harness.up();

        LoadBalancer lb = all().get(0);
        assertEquals("natproj-alb", lb.loadBalancerName());
        assertEquals("active", lb.state().codeAsString());
        assertEquals("internet-facing", lb.schemeAsString());
        assertEquals("application", lb.typeAsString());
        assertEquals("ipv4", lb.ipAddressTypeAsString());
        assertEquals(java.util.stream.Stream.of(parents.subnetA(), parents.subnetB()).sorted().toList(),
                lb.availabilityZones().stream().map(AvailabilityZone::subnetId).sorted().toList());
        assertEquals(List.of(parents.albGroup()), lb.securityGroups());
        assertEquals(Map.of(Tags.OWNER_KEY, PROJECT, Tags.NAME_KEY, "natproj-alb"), tags(lb.loadBalancerArn()));
        // what observe finds is that load balancer, with its DNS name for status
        assertEquals(Action.NOOP, EngineHarness.byKey(harness.plan()).get(ALB).action());
        LoadBalancerState observed = (LoadBalancerState) harness.plan().regions().get(0).observed().get(ALB);
        assertEquals(lb.loadBalancerArn(), observed.arn());
        assertEquals(lb.dnsName(), observed.dnsName());
        assertEquals(lb.dnsName(), new LoadBalancerEndpoint(elb).dnsName(PROJECT, "natproj-alb").orElseThrow());
        assertEquals("http://" + lb.dnsName() + "/", new LoadBalancerEndpoint(elb).url(PROJECT, "natproj-alb").orElseThrow());
    }

    /**
     * Create hands its dependents what CreateLoadBalancer answered, without waiting for "active" (2 to 3
     * minutes on AWS). moto answers create with "provisioning" and turns a load balancer active on its
     * first describe, so the state create published shows whether it waited.
     */
    @Test
    void createDoesNotWaitForTheLoadBalancerToBecomeActive() {
        io.devopscli.engine.Plan plan = harness.plan();
        EngineHarness.succeeded(harness.apply(plan));

        LoadBalancerState published = plan.regions().get(0).graph().context().actualOf(ALB, LoadBalancerState.class)
                .orElseThrow();
        assertEquals("provisioning", published.state());
        assertEquals(all().get(0).loadBalancerArn(), published.arn());
    }

    @Test
    void idempotentSecondRunMakesNoMutatingCall() {
        harness.up();
        Plan second = harness.plan();
        assertEquals(List.of(), EngineHarness.mutations(second));
        harness.clients().settings().counter().reset();
        EngineHarness.succeeded(harness.apply(second));
        assertEquals(0, harness.clients().settings().counter().mutating());
        assertEquals(1, all().size());
    }

    @Test
    void securityGroupsChangedByHandAreSetBack() {
        harness.up();
        String arn = all().get(0).loadBalancerArn();
        elb.setSecurityGroups(r -> r.loadBalancerArn(arn).securityGroups(parents.otherGroup()));

        Change change = EngineHarness.byKey(harness.plan()).get(ALB);
        // a group that is not among the spec's parents shows as its id
        assertEquals(new Change(ALB, Action.UPDATE, List.of(FieldChange.of("securityGroups", "[alb]",
                "[" + parents.otherGroup() + "]"))), change);
        harness.up();

        assertEquals(List.of(parents.albGroup()), all().get(0).securityGroups());
        assertEquals(arn, all().get(0).loadBalancerArn());
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void subnetsAndGroupsChangedInTheSpecAreUpdatedInPlace() {
        harness.up();
        String arn = all().get(0).loadBalancerArn();
        harness.desire(g -> ElbStack.balancer(g, parents, LoadBalancerSpec.internetFacing("natproj-alb",
                List.of(SUBNET_A, SUBNET_B, SUBNET_C), List.of(ALB_GROUP, OTHER_GROUP))));

        Change change = EngineHarness.byKey(harness.plan()).get(ALB);
        assertEquals(Action.UPDATE, change.action());
        assertEquals(List.of(FieldChange.of("subnets", "[public-a, public-b, public-c]", "[public-a, public-b]"),
                FieldChange.of("securityGroups", "[alb, other]", "[alb]")), change.fields());
        harness.up();

        LoadBalancer lb = all().get(0);
        assertEquals(arn, lb.loadBalancerArn());
        assertEquals(java.util.stream.Stream.of(parents.subnetA(), parents.subnetB(), parents.subnetC()).sorted().toList(),
                lb.availabilityZones().stream().map(AvailabilityZone::subnetId).sorted().toList());
        assertEquals(java.util.stream.Stream.of(parents.albGroup(), parents.otherGroup()).sorted().toList(),
                lb.securityGroups().stream().sorted().toList());
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void anotherSchemeReplacesTheLoadBalancer() {
        harness.up();
        String oldArn = all().get(0).loadBalancerArn();
        LoadBalancerSpec internal = new LoadBalancerSpec("natproj-alb", List.of(SUBNET_A, SUBNET_B), List.of(ALB_GROUP),
                "internal", "application", "ipv4");
        harness.desire(g -> ElbStack.balancer(g, parents, internal));

        Change change = EngineHarness.byKey(harness.plan()).get(ALB);
        assertEquals(new Change(ALB, Action.REPLACE, List.of(FieldChange.immutable("scheme", "internal", "internet-facing"))),
                change);
        harness.up();

        assertEquals(1, all().size());
        assertEquals("internal", all().get(0).schemeAsString());
        assertTrue(!oldArn.equals(all().get(0).loadBalancerArn()));
    }

    @Test
    void disappearsPlansExactlyOneCreate() {
        harness.up();
        elb.deleteLoadBalancer(r -> r.loadBalancerArn(all().get(0).loadBalancerArn()));

        assertEquals(List.of(new Change(ALB, Action.CREATE, List.of())), EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals(1, all().size());
    }

    @Test
    void destroyDeletesItAndWaitsUntilItIsGone() {
        harness.up();
        Plan plan = harness.planDestroy();
        assertEquals(Action.DELETE, EngineHarness.byKey(plan).get(ALB).action());
        EngineHarness.succeeded(harness.destroy(plan));

        assertEquals(List.of(), all());
        // the pre-made parents belong to the test, not to the engine
        assertEquals(List.of(), EngineHarness.mutations(harness.planDestroy()).stream()
                .filter(c -> c.key().type().startsWith("elbv2/")).toList());
    }

    @Test
    void aSameNamedLoadBalancerWithoutOurTagsIsNeitherAdoptedNorDeleted() {
        String foreign = elb.createLoadBalancer(r -> r.name("natproj-alb").subnets(parents.subnetA(), parents.subnetB()))
                .loadBalancers().get(0).loadBalancerArn();

        assertEquals(Action.CREATE, EngineHarness.byKey(harness.plan()).get(ALB).action());
        RunReport report = harness.apply(harness.plan());
        NodeResult result = report.results().stream().filter(r -> r.key().equals(ALB)).findFirst().orElseThrow();
        assertEquals(NodeResult.Outcome.FAILED, result.outcome());
        assertTrue(result.message().contains("/natproj-alb/")
                        && result.message().contains("already exists and is not owned by devops-cli"),
                result.message());

        harness.down();
        assertEquals(List.of(foreign), all().stream().map(LoadBalancer::loadBalancerArn).toList());
    }

    @Test
    void aLongNameIsCutToThirtyTwoCharactersAndKeptWholeInTheNameTag() {
        String longName = "natproj-a-rather-long-project-name-alb";
        harness.desire(g -> ElbStack.balancer(g, parents,
                LoadBalancerSpec.internetFacing(longName, List.of(SUBNET_A, SUBNET_B), List.of(ALB_GROUP))));
        harness.up();

        LoadBalancer lb = all().get(0);
        assertEquals(ElbNames.fit(longName), lb.loadBalancerName());
        assertTrue(lb.loadBalancerName().length() <= 32, lb.loadBalancerName());
        assertEquals(longName, tags(lb.loadBalancerArn()).get(Tags.NAME_KEY));
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    private List<LoadBalancer> all() {
        return elb.describeLoadBalancers().loadBalancers();
    }

    private Map<String, String> tags(String arn) {
        return elb.describeTags(r -> r.resourceArns(arn)).tagDescriptions().get(0).tags().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    }
}

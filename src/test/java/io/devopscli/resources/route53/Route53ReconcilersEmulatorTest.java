package io.devopscli.resources.route53;

import static io.devopscli.resources.route53.FailoverFixture.DOMAIN;
import static io.devopscli.resources.route53.FailoverFixture.PRIMARY;
import static io.devopscli.resources.route53.FailoverFixture.PROJECT;
import static io.devopscli.resources.route53.FailoverFixture.STANDBY;
import static io.devopscli.resources.route53.FailoverFixture.ZONE_NAME;
import static io.devopscli.resources.route53.FailoverFixture.byKey;
import static io.devopscli.resources.route53.FailoverFixture.healthCheckKey;
import static io.devopscli.resources.route53.FailoverFixture.recordsKey;
import static io.devopscli.resources.route53.FailoverFixture.zoneKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Plan;
import io.devopscli.engine.ResourceKey;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HealthCheck;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.TagResourceType;

/**
 * The hosted zone, health checks and failover records against moto through the Engine, checked with a
 * separate Route 53 client: the Terraform recipe for each, adopting a zone that is not ours, and the
 * rule that the records' roles are Route 53's to say (a failover is not drift).
 */
@EmulatorTest
class Route53ReconcilersEmulatorTest {
    private FailoverFixture fx;
    private AwsClients separate;
    private Route53Client r53;

    @BeforeEach
    void setUp() {
        Emulator.reset();
        fx = new FailoverFixture();
        separate = Emulator.clients(PRIMARY);
        r53 = separate.route53();
    }

    @AfterEach
    void tearDown() {
        fx.close();
        separate.close();
    }

    // ---- hosted zone

    @Test
    void createsTheZoneWhenAbsentTagsItAndIsIdempotent() {
        fx.up();
        HostedZone zone = onlyZone();
        assertFalse(zone.config().privateZone());
        assertEquals("Managed by devops-cli for natproj", zone.config().comment());
        assertTrue(zone.callerReference().startsWith("natproj-zone-"), zone.callerReference());
        assertEquals(Map.of("devops-cli:project", PROJECT, "Name", ZONE_NAME), zoneTags(zone));
        assertAllNoop(fx.plan());
    }

    @Test
    void ownedZoneCommentEditedByHandIsUpdated() {
        fx.up();
        String id = bare(onlyZone().id());
        r53.updateHostedZoneComment(r -> r.id(id).comment("hand edit"));
        Change change = byKey(fx.plan()).get(zoneKey());
        assertEquals(Action.UPDATE, change.action());
        assertEquals(List.of("comment"), fields(change));
        fx.up();
        assertEquals("Managed by devops-cli for natproj", onlyZone().config().comment());
    }

    @Test
    void aZoneMadeByARunThatStoppedBeforeTaggingIsRecognisedAndTagged() {
        r53.createHostedZone(r -> r.name(ZONE_NAME).callerReference("natproj-zone-1700000000000")
                .hostedZoneConfig(c -> c.comment("Managed by devops-cli for natproj")));
        Change change = byKey(fx.plan()).get(zoneKey());
        assertEquals(Action.UPDATE, change.action(), change.toString());
        assertEquals(List.of("ownershipTag"), fields(change));
        fx.up();
        assertEquals(PROJECT, zoneTags(onlyZone()).get("devops-cli:project"));
    }

    @Test
    void zoneDeletedOutOfBandIsCreatedAgain() {
        fx.up();
        String id = bare(onlyZone().id());
        deleteRecords(id); // Route 53 refuses to delete a zone with records
        r53.deleteHostedZone(r -> r.id(id));
        Plan plan = fx.plan();
        assertEquals(Action.CREATE, byKey(plan).get(zoneKey()).action());
        assertEquals(Action.CREATE, byKey(plan).get(recordsKey()).action());
        fx.up();
        assertEquals(2, failoverRecords(bare(onlyZone().id())).size());
    }

    @Test
    void aZoneThatIsNotOursIsUsedForRecordsButNeverChangedNorDeleted() {
        String id = bare(r53.createHostedZone(r -> r.name(ZONE_NAME).callerReference("bought-with-the-domain")
                .hostedZoneConfig(c -> c.comment("the registrar's"))).hostedZone().id());
        r53.changeResourceRecordSets(r -> r.hostedZoneId(id).changeBatch(b -> b.changes(c -> c.action(ChangeAction.CREATE)
                .resourceRecordSet(rr -> rr.name("www." + ZONE_NAME).type(RRType.CNAME).ttl(300L)
                        .resourceRecords(v -> v.value("elsewhere.example.net"))))));

        Plan first = fx.plan();
        assertEquals(Action.NOOP, byKey(first).get(zoneKey()).action(), "adopted as found, not created");
        fx.up();
        assertEquals(1, r53.listHostedZones().hostedZones().size());
        assertEquals(2, failoverRecords(id).size(), "our records went into their zone");
        assertEquals("the registrar's", onlyZone().config().comment(), "their settings untouched");
        assertTrue(zoneTags(onlyZone()).isEmpty(), "not tagged as ours");
        assertAllNoop(fx.plan());

        fx.down(true); // even with --purge
        assertEquals(1, r53.listHostedZones().hostedZones().size(), "their zone stays");
        assertTrue(failoverRecords(id).isEmpty(), "only our records were removed");
        assertTrue(r53.listResourceRecordSets(r -> r.hostedZoneId(id)).resourceRecordSets().stream()
                .anyMatch(rr -> rr.name().startsWith("www.")), "their record stays");
        assertTrue(r53.listHealthChecks().healthChecks().isEmpty());
    }

    // ---- health checks

    @Test
    void eachRegionGetsAnHttpHealthCheckOnItsLoadBalancer() {
        fx.up();
        for (String region : List.of(PRIMARY, STANDBY)) {
            HealthCheck check = healthCheck(region);
            assertEquals("HTTP", check.healthCheckConfig().typeAsString());
            assertEquals(fx.dns(region), check.healthCheckConfig().fullyQualifiedDomainName());
            assertEquals(80, check.healthCheckConfig().port());
            assertEquals("/health", check.healthCheckConfig().resourcePath());
            assertEquals(3, check.healthCheckConfig().failureThreshold());
            assertEquals(30, check.healthCheckConfig().requestInterval());
            assertTrue(check.callerReference().startsWith("natproj-hc-" + region + "-"), check.callerReference());
        }
        assertEquals(2, r53.listHealthChecks().healthChecks().size());
    }

    @Test
    void healthCheckEditedByHandOrInTheSpecIsUpdated() {
        fx.up();
        String id = healthCheck(STANDBY).id();
        r53.updateHealthCheck(r -> r.healthCheckId(id).failureThreshold(7));
        Change change = byKey(fx.plan()).get(healthCheckKey(STANDBY));
        assertEquals(Action.UPDATE, change.action());
        assertEquals(List.of("failureThreshold"), fields(change));
        fx.up();
        assertEquals(3, healthCheck(STANDBY).healthCheckConfig().failureThreshold());

        fx.healthCheckPath = "/ready";
        Map<ResourceKey, Change> plan = byKey(fx.plan());
        assertEquals(List.of("resourcePath"), fields(plan.get(healthCheckKey(PRIMARY))));
        assertEquals(List.of("resourcePath"), fields(plan.get(healthCheckKey(STANDBY))));
        fx.up();
        assertEquals("/ready", healthCheck(PRIMARY).healthCheckConfig().resourcePath());
        assertEquals(id, healthCheck(STANDBY).id(), "updated in place");
    }

    @Test
    void healthCheckDeletedOutOfBandIsCreatedAgainAndTheRecordsFollow() {
        fx.up();
        String old = healthCheck(STANDBY).id();
        r53.deleteHealthCheck(r -> r.healthCheckId(old));
        Plan plan = fx.plan();
        List<Change> mutations = plan.allChanges().stream().filter(c -> c.action() != Action.NOOP).toList();
        assertEquals(Action.CREATE, byKey(plan).get(healthCheckKey(STANDBY)).action());
        assertEquals(1, mutations.stream().filter(c -> c.action() == Action.CREATE).count(), mutations.toString());
        fx.up();
        // the primary's graph read the standby's health check while it was missing: the next run repoints
        fx.up();
        String fresh = healthCheck(STANDBY).id();
        assertFalse(fresh.equals(old));
        assertEquals(fresh, record("SECONDARY").healthCheckId());
        assertAllNoop(fx.plan());
    }

    // ---- failover records

    @Test
    void recordsPointPrimaryAtThePrimaryRegionAndSecondaryAtTheStandby() {
        fx.up();
        String zone = bare(onlyZone().id());
        ResourceRecordSet primary = record("PRIMARY");
        assertEquals(DOMAIN + ".", primary.name());
        assertEquals("natproj-us-east-1", primary.setIdentifier());
        assertEquals(fx.dns(PRIMARY), FailoverRecord.normalDns(primary.aliasTarget().dnsName()));
        assertEquals(fx.balancers.get(PRIMARY).canonicalHostedZoneId(), primary.aliasTarget().hostedZoneId());
        assertTrue(primary.aliasTarget().evaluateTargetHealth());
        assertEquals(healthCheck(PRIMARY).id(), primary.healthCheckId());
        ResourceRecordSet secondary = record("SECONDARY");
        assertEquals("natproj-us-east-2", secondary.setIdentifier());
        assertEquals(fx.dns(STANDBY), FailoverRecord.normalDns(secondary.aliasTarget().dnsName()));
        assertEquals(healthCheck(STANDBY).id(), secondary.healthCheckId());
        assertEquals(2, failoverRecords(zone).size());

        ActiveRegion.Serving serving = new ActiveRegion(r53, PROJECT).of(ZONE_NAME, DOMAIN, List.of(PRIMARY, STANDBY))
                .orElseThrow();
        assertEquals(PRIMARY, serving.active().orElseThrow());
        assertEquals(STANDBY, serving.standby().orElseThrow());
    }

    @Test
    void aFailoverDoneInRoute53IsNotDriftSoUpKeepsIt() {
        fx.up();
        swapByHand();
        assertAllNoop(fx.plan());
        fx.up();
        assertEquals("natproj-us-east-2", record("PRIMARY").setIdentifier());
        assertEquals(STANDBY, new ActiveRegion(r53, PROJECT).of(ZONE_NAME, DOMAIN, List.of(PRIMARY, STANDBY))
                .orElseThrow().active().orElseThrow());
    }

    @Test
    void aWrongAliasTargetForTheActiveRegionIsDriftAndRepaired() {
        fx.up();
        String zone = bare(onlyZone().id());
        ResourceRecordSet primary = record("PRIMARY");
        r53.changeResourceRecordSets(r -> r.hostedZoneId(zone).changeBatch(b -> b.changes(c -> c.action(ChangeAction.UPSERT)
                .resourceRecordSet(primary.toBuilder().aliasTarget(primary.aliasTarget().toBuilder()
                        .dnsName("somewhere-else.elb.amazonaws.com").build()).build()))));
        Change change = byKey(fx.plan()).get(recordsKey());
        assertEquals(Action.UPDATE, change.action());
        assertEquals(List.of("PRIMARY"), fields(change));
        fx.up();
        assertEquals(fx.dns(PRIMARY), FailoverRecord.normalDns(record("PRIMARY").aliasTarget().dnsName()));
    }

    @Test
    void aRecordNamingARegionOutsideTheTopologyIsReplaced() {
        fx.up();
        String zone = bare(onlyZone().id());
        ResourceRecordSet secondary = record("SECONDARY");
        r53.changeResourceRecordSets(r -> r.hostedZoneId(zone).changeBatch(b -> b.changes(
                c -> c.action(ChangeAction.DELETE).resourceRecordSet(secondary),
                c -> c.action(ChangeAction.CREATE).resourceRecordSet(secondary.toBuilder()
                        .setIdentifier("natproj-eu-west-9").build()))));
        Change change = byKey(fx.plan()).get(recordsKey());
        assertEquals(Action.UPDATE, change.action());
        assertEquals(List.of("SECONDARY", "stale record natproj-eu-west-9"), fields(change));
        fx.up();
        assertEquals(List.of("natproj-us-east-1", "natproj-us-east-2"), failoverRecords(zone).stream()
                .map(ResourceRecordSet::setIdentifier).sorted().toList());
        assertAllNoop(fx.plan());
    }

    @Test
    void recordsDeletedOutOfBandAreCreatedAgainWithThePrimaryRegionActive() {
        fx.up();
        swapByHand();
        deleteRecords(bare(onlyZone().id()));
        Plan plan = fx.plan();
        List<Change> mutations = plan.allChanges().stream().filter(c -> c.action() != Action.NOOP).toList();
        assertEquals(List.of(recordsKey()), mutations.stream().map(Change::key).toList());
        assertEquals(Action.CREATE, mutations.get(0).action());
        fx.up();
        assertEquals("natproj-us-east-1", record("PRIMARY").setIdentifier());
    }

    @Test
    void oneMissingRecordIsAnUpdateThatKeepsTheOtherRole() {
        fx.up();
        swapByHand(); // us-east-2 active
        String zone = bare(onlyZone().id());
        ResourceRecordSet secondary = record("SECONDARY");
        r53.changeResourceRecordSets(r -> r.hostedZoneId(zone).changeBatch(b -> b.changes(
                c -> c.action(ChangeAction.DELETE).resourceRecordSet(secondary))));
        Change change = byKey(fx.plan()).get(recordsKey());
        assertEquals(Action.UPDATE, change.action());
        assertEquals(List.of("SECONDARY"), fields(change));
        fx.up();
        assertEquals("natproj-us-east-2", record("PRIMARY").setIdentifier());
        assertEquals("natproj-us-east-1", record("SECONDARY").setIdentifier());
    }

    @Test
    void downRemovesRecordsHealthChecksAndTheZoneWeCreated() {
        fx.up();
        fx.down(false);
        assertTrue(r53.listHostedZones().hostedZones().isEmpty());
        assertTrue(r53.listHealthChecks().healthChecks().isEmpty());
        assertTrue(fx.plan().allChanges().stream().allMatch(c -> c.action() == Action.CREATE
                || c.key().type().equals("elbv2/load-balancer")));
    }

    // ---- helpers

    private void swapByHand() {
        String zone = bare(onlyZone().id());
        ResourceRecordSet primary = record("PRIMARY");
        ResourceRecordSet secondary = record("SECONDARY");
        r53.changeResourceRecordSets(r -> r.hostedZoneId(zone).changeBatch(b -> b.changes(
                c -> c.action(ChangeAction.UPSERT).resourceRecordSet(primary.toBuilder().failover("SECONDARY").build()),
                c -> c.action(ChangeAction.UPSERT).resourceRecordSet(secondary.toBuilder().failover("PRIMARY").build()))));
    }

    private void deleteRecords(String zone) {
        for (ResourceRecordSet rr : failoverRecords(zone)) {
            r53.changeResourceRecordSets(r -> r.hostedZoneId(zone).changeBatch(b -> b.changes(
                    c -> c.action(ChangeAction.DELETE).resourceRecordSet(rr))));
        }
    }

    private HostedZone onlyZone() {
        List<HostedZone> zones = r53.listHostedZones().hostedZones();
        assertEquals(1, zones.size(), zones.toString());
        return zones.get(0);
    }

    private Map<String, String> zoneTags(HostedZone zone) {
        return r53.listTagsForResource(r -> r.resourceType(TagResourceType.HOSTEDZONE).resourceId(bare(zone.id())))
                .resourceTagSet().tags().stream().collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    }

    private HealthCheck healthCheck(String region) {
        String name = FailoverNames.healthCheckName(PROJECT, region);
        for (HealthCheck h : r53.listHealthChecks().healthChecks()) {
            boolean named = r53.listTagsForResource(r -> r.resourceType(TagResourceType.HEALTHCHECK).resourceId(h.id()))
                    .resourceTagSet().tags().stream().anyMatch(t -> t.key().equals("Name") && t.value().equals(name));
            if (named) {
                return h;
            }
        }
        throw new AssertionError("no health check named " + name);
    }

    private List<ResourceRecordSet> failoverRecords(String zone) {
        return r53.listResourceRecordSets(r -> r.hostedZoneId(zone)).resourceRecordSets().stream()
                .filter(rr -> rr.name().equals(DOMAIN + ".") && rr.failover() != null).toList();
    }

    private ResourceRecordSet record(String role) {
        List<ResourceRecordSet> inRole = failoverRecords(bare(onlyZone().id())).stream()
                .filter(rr -> role.equals(rr.failoverAsString())).toList();
        assertEquals(1, inRole.size(), role + ": " + inRole);
        return inRole.get(0);
    }

    private static String bare(String zoneId) {
        return zoneId.substring(zoneId.lastIndexOf('/') + 1);
    }

    private static List<String> fields(Change change) {
        return change.fields().stream().map(FieldChange::field).toList();
    }

    private static void assertAllNoop(Plan plan) {
        List<Change> mutations = plan.allChanges().stream().filter(c -> c.action() != Action.NOOP).toList();
        assertTrue(mutations.isEmpty(), "expected no changes: " + mutations);
    }
}

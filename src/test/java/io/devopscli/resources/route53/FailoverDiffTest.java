package io.devopscli.resources.route53;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.engine.FieldChange;
import io.devopscli.engine.ResourceKey;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.Change;

/** Pure tables: the failover chain's order and records, the change batch, and the diffs of all three reconcilers. */
class FailoverDiffTest {
    private static final String P = "p";
    private static final String DOMAIN = "app.example.com";
    private static final String LEVEL1 = "p-failover-1.app.example.com";
    private static final List<String> REGIONS = List.of("us-east-1", "us-east-2", "eu-west-1");
    private static final ResourceKey ZONE = new ResourceKey("us-east-1", "route53/hosted-zone", "zone");
    private static final FailoverRecordsSpec SPEC = new FailoverRecordsSpec(P, DOMAIN, ZONE, REGIONS,
            "us-east-1", "p-alb");
    private static final Map<String, RegionTarget> TARGETS = Map.of("us-east-1", target("us-east-1"),
            "us-east-2", target("us-east-2"), "eu-west-1", target("eu-west-1"));

    private static RegionTarget target(String region) {
        return new RegionTarget(region, "p-alb-1." + region + ".elb.amazonaws.com", "Z" + Math.abs(region.hashCode()),
                "hc-" + region);
    }

    /** The records of a chain with these regions in this order, in zone Z1. */
    private static List<FailoverRecord> chain(String... order) {
        return new FailoverChain(List.of(order)).records(P, DOMAIN, "Z1", TARGETS);
    }

    private static FailoverRecord primaryOf(String region) {
        return target(region).record(P, DOMAIN, "PRIMARY");
    }

    static Stream<Arguments> orders() {
        return Stream.of(
                Arguments.of("no records: the topology primary, then the others in order", List.of(),
                        List.of("us-east-1", "us-east-2", "eu-west-1")),
                Arguments.of("as found", chain("us-east-1", "us-east-2", "eu-west-1"),
                        List.of("us-east-1", "us-east-2", "eu-west-1")),
                Arguments.of("failed over to the third region: it leads, the others follow in topology order",
                        chain("eu-west-1", "us-east-1", "us-east-2"), List.of("eu-west-1", "us-east-1", "us-east-2")),
                Arguments.of("only the active region is state: a hand-made tail order is put back",
                        chain("us-east-2", "eu-west-1", "us-east-1"), List.of("us-east-2", "us-east-1", "eu-west-1")),
                Arguments.of("a two-region chain of an older run: its PRIMARY stands",
                        List.of(primaryOf("us-east-2"), target("us-east-1").record(P, DOMAIN, "SECONDARY")),
                        List.of("us-east-2", "us-east-1", "eu-west-1")),
                Arguments.of("PRIMARY naming a region outside the topology",
                        List.of(new FailoverRecord(DOMAIN, "PRIMARY", "p-ap-south-9", "x", "Z", true, "hc")),
                        List.of("us-east-1", "us-east-2", "eu-west-1")),
                Arguments.of("another project's identifier is not ours",
                        List.of(new FailoverRecord(DOMAIN, "PRIMARY", "q-us-east-2", "x", "Z", true, "hc")),
                        List.of("us-east-1", "us-east-2", "eu-west-1")),
                Arguments.of("a nested level's PRIMARY is not the active region",
                        List.of(target("eu-west-1").record(P, LEVEL1, "PRIMARY")),
                        List.of("us-east-1", "us-east-2", "eu-west-1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orders")
    void theChainIsTheActiveRegionThenTheOthersInTopologyOrder(String name, List<FailoverRecord> records,
                                                                List<String> order) {
        assertEquals(order, FailoverChain.desired(P, DOMAIN, REGIONS, "us-east-1", records).order());
    }

    @Test
    void threeRegionsAreTwoLevelsTheFirstSecondaryAliasingTheNested() {
        assertEquals(List.of(
                DOMAIN + " PRIMARY p-us-east-1 -> p-alb-1.us-east-1.elb.amazonaws.com hc-us-east-1",
                DOMAIN + " SECONDARY p-failover-1 -> " + LEVEL1 + " (zone Z1) null",
                LEVEL1 + " PRIMARY p-us-east-2 -> p-alb-1.us-east-2.elb.amazonaws.com hc-us-east-2",
                LEVEL1 + " SECONDARY p-eu-west-1 -> p-alb-1.eu-west-1.elb.amazonaws.com hc-eu-west-1"),
                chain("us-east-1", "us-east-2", "eu-west-1").stream().map(r -> r.name() + " " + r.role() + " "
                        + r.setIdentifier() + " -> " + r.aliasDnsName() + (r.healthCheckId() == null
                        ? " (zone " + r.aliasHostedZoneId() + ") " : " ") + r.healthCheckId()).toList());
        assertTrue(chain("us-east-1", "us-east-2", "eu-west-1").stream().allMatch(FailoverRecord::evaluateTargetHealth));
    }

    @Test
    void twoRegionsAreOneLevelAsBefore() {
        assertEquals(List.of(primaryOf("us-east-1"), target("us-east-2").record(P, DOMAIN, "SECONDARY")),
                chain("us-east-1", "us-east-2"));
    }

    @Test
    void readingFollowsEachSecondaryDownTheChainAndStopsWhereItBreaks() {
        assertEquals(List.of("eu-west-1", "us-east-1", "us-east-2"),
                FailoverChain.read(P, DOMAIN, REGIONS, chain("eu-west-1", "us-east-1", "us-east-2")));
        List<FailoverRecord> broken = chain("eu-west-1", "us-east-1", "us-east-2").stream()
                .filter(r -> !r.name().equals(LEVEL1)).toList();
        assertEquals(List.of("eu-west-1"), FailoverChain.read(P, DOMAIN, REGIONS, broken));
        assertEquals(List.of(), FailoverChain.read(P, DOMAIN, REGIONS, List.of()));
    }

    @Test
    void reorderingIsUpsertsDeepestLevelFirstAndMatchingRecordsNeedNoChange() {
        List<FailoverRecord> current = chain("us-east-1", "us-east-2", "eu-west-1");
        assertTrue(FailoverRecordSets.changes(P, DOMAIN, current, current).isEmpty());
        List<Change> reorder = FailoverRecordSets.changes(P, DOMAIN, chain("eu-west-1", "us-east-1", "us-east-2"), current);
        // p-us-east-2 stays at level 1 and changes role there, as in a two-region swap
        assertEquals(List.of("DELETE " + DOMAIN + " p-us-east-1 PRIMARY", "DELETE " + LEVEL1 + " p-eu-west-1 SECONDARY",
                "UPSERT " + LEVEL1 + " p-us-east-1 PRIMARY", "UPSERT " + LEVEL1 + " p-us-east-2 SECONDARY",
                "UPSERT " + DOMAIN + " p-eu-west-1 PRIMARY"), describe(reorder));
    }

    @Test
    void growingFromTwoRegionsDeletesTheOldDirectSecondaryInTheSameBatch() {
        List<FailoverRecord> old = List.of(primaryOf("us-east-1"), target("us-east-2").record(P, DOMAIN, "SECONDARY"));
        List<Change> changes = FailoverRecordSets.changes(P, DOMAIN, chain("us-east-1", "us-east-2", "eu-west-1"), old);
        assertEquals(List.of("DELETE " + DOMAIN + " p-us-east-2 SECONDARY",
                "UPSERT " + LEVEL1 + " p-us-east-2 PRIMARY", "UPSERT " + LEVEL1 + " p-eu-west-1 SECONDARY",
                "UPSERT " + DOMAIN + " p-failover-1 SECONDARY"), describe(changes));
    }

    @Test
    void anotherProjectsRecordIsNeverDeleted() {
        FailoverRecord theirs = new FailoverRecord(DOMAIN, "PRIMARY", "q-us-east-1", "x", "Z", true, "hc");
        List<FailoverRecord> current = new java.util.ArrayList<>(chain("us-east-1", "us-east-2"));
        current.add(theirs);
        assertEquals(List.of(), FailoverRecordSets.changes(P, DOMAIN, chain("us-east-1", "us-east-2"), current));
    }

    @Test
    void theRecordsAfterABatchAreWhatItWroteAndOthersRecordsSoNoChangeIsLeft() {
        FailoverRecord theirs = new FailoverRecord(DOMAIN, "PRIMARY", "q-us-east-1", "x", "Z", true, "hc");
        List<FailoverRecord> old = List.of(primaryOf("us-east-1"), target("us-east-2").record(P, DOMAIN, "SECONDARY"), theirs);
        List<FailoverRecord> desired = chain("us-east-1", "us-east-2", "eu-west-1");
        List<FailoverRecord> after = FailoverRecordSets.afterChanges(P, desired, old);
        // the old direct secondary is gone (the batch deleted it), another project's record stays
        List<FailoverRecord> expected = new java.util.ArrayList<>(desired);
        expected.add(theirs);
        assertEquals(expected, after);
        assertTrue(FailoverRecordSets.changes(P, DOMAIN, desired, after).isEmpty());
    }

    @Test
    void levelNamesAreRecognisedAndOthersAreNot() {
        assertTrue(FailoverChain.isLevelName(P, DOMAIN, "App.Example.com."));
        assertTrue(FailoverChain.isLevelName(P, DOMAIN, LEVEL1 + "."));
        assertEquals(false, FailoverChain.isLevelName(P, DOMAIN, "staging.app.example.com"));
        assertEquals(false, FailoverChain.isLevelName(P, DOMAIN, "q-failover-1.app.example.com"));
        assertEquals(false, FailoverChain.isLevelName(P, DOMAIN, "p-failover-x.app.example.com"));
    }

    private static FailoverRecordsState state(List<FailoverRecord> records, Map<String, RegionTarget> targets) {
        return new FailoverRecordsState("Z1", DOMAIN, records, targets);
    }

    @Test
    void aliasNamesDifferingOnlyInCaseDotOrDualstackAreTheSame() {
        List<FailoverRecord> records = new java.util.ArrayList<>(chain("us-east-1", "us-east-2", "eu-west-1"));
        records.set(0, new FailoverRecord(DOMAIN + ".", "PRIMARY", "p-us-east-1",
                "dualstack.P-alb-1.us-east-1.elb.amazonaws.com.", target("us-east-1").canonicalHostedZoneId(), true,
                "hc-us-east-1"));
        records.set(1, new FailoverRecord(DOMAIN, "SECONDARY", "p-failover-1", LEVEL1 + ".", "/hostedzone/Z1", true, null));
        assertEquals(List.of(), new FailoverRecordsReconciler().diff(SPEC, state(records, TARGETS)));
    }

    @Test
    void recordsDiffNamesTheLevelAndRoleWhoseTargetOrHealthCheckIsWrong() {
        List<FailoverRecord> records = new java.util.ArrayList<>(chain("us-east-1", "us-east-2", "eu-west-1"));
        records.set(0, new FailoverRecord(DOMAIN, "PRIMARY", "p-us-east-1", "old.elb.amazonaws.com", "Z", true, "hc-us-east-1"));
        records.set(3, new FailoverRecord(LEVEL1, "SECONDARY", "p-eu-west-1", target("eu-west-1").dnsName(),
                target("eu-west-1").canonicalHostedZoneId(), false, "hc-eu-west-1"));
        assertEquals(List.of("PRIMARY", LEVEL1 + " SECONDARY"),
                fields(new FailoverRecordsReconciler().diff(SPEC, state(records, TARGETS))));
    }

    @Test
    void recordsDiffSaysWhenATargetIsMissingAndWhenARegionIsNotInDns() {
        List<FieldChange> diff = new FailoverRecordsReconciler().diff(SPEC, state(chain("us-east-1", "us-east-2", "eu-west-1"),
                Map.of("us-east-1", target("us-east-1"), "us-east-2", target("us-east-2"))));
        assertEquals(List.of(LEVEL1 + " SECONDARY"), fields(diff));
        assertTrue(diff.get(0).desired().contains("no load balancer or health check of eu-west-1"), diff.toString());

        // the layout of two regions, with a third region in the topology: the third is missing from DNS
        List<FailoverRecord> twoRegions = List.of(primaryOf("us-east-1"), target("us-east-2").record(P, DOMAIN, "SECONDARY"));
        assertEquals(List.of("SECONDARY", LEVEL1 + " PRIMARY", LEVEL1 + " SECONDARY", "stale record p-us-east-2"),
                fields(new FailoverRecordsReconciler().diff(SPEC, state(twoRegions, TARGETS))));
    }

    static Stream<Arguments> healthChecks() {
        HealthCheckSpec spec = new HealthCheckSpec("p-health-us-east-1", "us-east-1",
                new ResourceKey("us-east-1", "elbv2/load-balancer", "alb"), "p-alb", "/health", 80, 3, 30);
        HealthCheckState ok = new HealthCheckState("hc", "p-health-us-east-1", true, "HTTP", "lb.example", 80, "/health",
                3, 30, "lb.example");
        return Stream.of(
                Arguments.of("in sync", spec, ok, List.of()),
                Arguments.of("threshold", spec, with(ok, 5, "/health", "lb.example", 30, true), List.of("failureThreshold")),
                Arguments.of("path", spec, with(ok, 3, "/", "lb.example", 30, true), List.of("resourcePath")),
                Arguments.of("load balancer replaced", spec, with(ok, 3, "/health", "old.example", 30, true),
                        List.of("fullyQualifiedDomainName")),
                Arguments.of("interval can only change by replacing", spec, with(ok, 3, "/health", "lb.example", 10, true),
                        List.of("requestInterval!")),
                Arguments.of("untagged", spec, with(ok, 3, "/health", "lb.example", 30, false), List.of("ownershipTag")));
    }

    private static HealthCheckState with(HealthCheckState s, int threshold, String path, String fqdn, int interval,
                                         boolean tagged) {
        return new HealthCheckState(s.id(), s.name(), tagged, s.type(), fqdn, s.port(), path, threshold, interval,
                s.desiredFqdn());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("healthChecks")
    void healthCheckDiff(String name, HealthCheckSpec spec, HealthCheckState actual, List<String> expected) {
        assertEquals(expected, new HealthCheckReconciler().diff(spec, actual).stream()
                .map(f -> f.field() + (f.immutable() ? "!" : "")).toList());
    }

    @Test
    void aZoneThatIsNotOursHasNoDriftAndHoldsDataWhileOursIsComparedAndMayGo() {
        HostedZoneSpec spec = HostedZoneSpec.forProject(P, "example.com", "app.example.com");
        HostedZoneReconciler zones = new HostedZoneReconciler();
        HostedZoneState theirs = new HostedZoneState("Z1", "example.com", false, false, "registrar", true);
        assertEquals(List.of(), zones.diff(spec, theirs));
        assertTrue(zones.holdsData(theirs));
        HostedZoneState ours = new HostedZoneState("Z2", "example.com", true, true, "hand edit", false);
        assertEquals(List.of("comment"), fields(zones.diff(spec, ours)));
        assertEquals(false, zones.holdsData(ours));
        assertTrue(zones.holdsData(new HostedZoneState("Z2", "example.com", true, true, spec.comment(), true)));
    }

    @Test
    void ourCallerReferencesAreRecognisedAndOthersAreNot() {
        assertTrue(HostedZoneLookup.isOurCallerReference(HostedZoneLookup.callerReference("p"), "p"));
        assertEquals(false, HostedZoneLookup.isOurCallerReference("p-zone-x1", "p"));
        assertEquals(false, HostedZoneLookup.isOurCallerReference("pp-zone-1", "p"));
        assertTrue(HealthChecks.callerReference("logicworks-devops-project-name", "ap-southeast-2").length() <= 64,
                "CreateHealthCheck takes at most 64 characters");
    }

    private static List<String> describe(List<Change> changes) {
        return changes.stream().map(c -> c.actionAsString() + " " + c.resourceRecordSet().name().replaceAll("\\.$", "")
                + " " + c.resourceRecordSet().setIdentifier() + " " + c.resourceRecordSet().failoverAsString()).toList();
    }

    private static List<String> fields(List<FieldChange> changes) {
        return changes.stream().map(FieldChange::field).toList();
    }
}

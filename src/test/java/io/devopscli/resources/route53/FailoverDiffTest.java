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

/** Pure tables: which region each record serves, the change batch, and the diffs of all three reconcilers. */
class FailoverDiffTest {
    private static final String P = "p";
    private static final List<String> REGIONS = List.of("us-east-1", "us-east-2", "eu-west-1");
    private static final ResourceKey ZONE = new ResourceKey("us-east-1", "route53/hosted-zone", "zone");
    private static final FailoverRecordsSpec SPEC = new FailoverRecordsSpec(P, "app.example.com", ZONE, REGIONS,
            "us-east-1", "p-alb");

    private static FailoverRecord rec(String role, String region) {
        return target(region).record(P, role);
    }

    private static RegionTarget target(String region) {
        return new RegionTarget(region, "p-alb-1." + region + ".elb.amazonaws.com", "Z" + region.hashCode(), "hc-" + region);
    }

    static Stream<Arguments> roles() {
        return Stream.of(
                Arguments.of("no records: topology primary, first secondary", List.of(), "us-east-1", "us-east-2"),
                Arguments.of("as found", List.of(rec("PRIMARY", "us-east-1"), rec("SECONDARY", "us-east-2")),
                        "us-east-1", "us-east-2"),
                Arguments.of("after a failover the roles stand",
                        List.of(rec("PRIMARY", "us-east-2"), rec("SECONDARY", "us-east-1")), "us-east-2", "us-east-1"),
                Arguments.of("failed over to a third region", List.of(rec("PRIMARY", "eu-west-1"),
                        rec("SECONDARY", "us-east-1")), "eu-west-1", "us-east-1"),
                Arguments.of("missing SECONDARY while another region is active: the topology primary stands by",
                        List.of(rec("PRIMARY", "us-east-2")), "us-east-2", "us-east-1"),
                Arguments.of("missing PRIMARY: keep SECONDARY, the other one serves",
                        List.of(rec("SECONDARY", "us-east-1")), "us-east-2", "us-east-1"),
                Arguments.of("PRIMARY naming a region outside the topology",
                        List.of(new FailoverRecord("PRIMARY", "p-ap-south-9", "x", "Z", true, "hc"),
                                rec("SECONDARY", "us-east-2")), "us-east-1", "us-east-2"),
                Arguments.of("another project's identifier is not ours",
                        List.of(new FailoverRecord("PRIMARY", "q-us-east-2", "x", "Z", true, "hc")), "us-east-1", "us-east-2"),
                Arguments.of("both records naming one region: PRIMARY wins",
                        List.of(rec("PRIMARY", "us-east-2"), rec("SECONDARY", "us-east-2")), "us-east-2", "us-east-1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void rolesComeFromTheRecords(String name, List<FailoverRecord> records, String primary, String secondary) {
        assertEquals(new FailoverRoles(primary, secondary), FailoverRoles.desired(P, REGIONS, "us-east-1", records));
    }

    @Test
    void swappingIsTwoUpsertsAndMatchingRecordsNeedNoChange() {
        Map<String, RegionTarget> targets = Map.of("us-east-1", target("us-east-1"), "us-east-2", target("us-east-2"));
        List<FailoverRecord> current = List.of(rec("PRIMARY", "us-east-1"), rec("SECONDARY", "us-east-2"));
        assertTrue(FailoverRecordSets.changes(P, "app.example.com", new FailoverRoles("us-east-1", "us-east-2"),
                targets, current).isEmpty());
        List<Change> swap = FailoverRecordSets.changes(P, "app.example.com", new FailoverRoles("us-east-2", "us-east-1"),
                targets, current);
        assertEquals(List.of("UPSERT p-us-east-2 PRIMARY", "UPSERT p-us-east-1 SECONDARY"), describe(swap));
    }

    @Test
    void aRecordServingNoRoleIsDeletedFirstInTheSameBatch() {
        Map<String, RegionTarget> targets = Map.of("eu-west-1", target("eu-west-1"), "us-east-1", target("us-east-1"));
        List<Change> changes = FailoverRecordSets.changes(P, "app.example.com", new FailoverRoles("eu-west-1", "us-east-1"),
                targets, List.of(rec("PRIMARY", "us-east-1"), rec("SECONDARY", "us-east-2")));
        assertEquals(List.of("DELETE p-us-east-2 SECONDARY", "UPSERT p-eu-west-1 PRIMARY", "UPSERT p-us-east-1 SECONDARY"),
                describe(changes));
    }

    @Test
    void aliasNamesDifferingOnlyInCaseDotOrDualstackAreTheSame() {
        FailoverRecord found = new FailoverRecord("PRIMARY", "p-us-east-1",
                "dualstack.p-alb-1.us-east-1.elb.amazonaws.com", "Z" + "us-east-1".hashCode(), true, "hc-us-east-1");
        FailoverRecordsState state = new FailoverRecordsState("Z1", "app.example.com",
                List.of(found, rec("SECONDARY", "us-east-2")),
                Map.of("us-east-1", target("us-east-1"), "us-east-2", target("us-east-2")));
        assertEquals(List.of(), new FailoverRecordsReconciler().diff(SPEC, state));
    }

    @Test
    void recordsDiffNamesTheRoleWhoseTargetOrHealthCheckIsWrong() {
        FailoverRecordsState state = new FailoverRecordsState("Z1", "app.example.com",
                List.of(new FailoverRecord("PRIMARY", "p-us-east-1", "old.elb.amazonaws.com", "Z", true, "hc-us-east-1"),
                        new FailoverRecord("SECONDARY", "p-us-east-2", target("us-east-2").dnsName(),
                                target("us-east-2").canonicalHostedZoneId(), false, "hc-us-east-2")),
                Map.of("us-east-1", target("us-east-1"), "us-east-2", target("us-east-2")));
        assertEquals(List.of("PRIMARY", "SECONDARY"), fields(new FailoverRecordsReconciler().diff(SPEC, state)));
    }

    @Test
    void recordsDiffSaysWhenATargetIsMissing() {
        FailoverRecordsState state = new FailoverRecordsState("Z1", "app.example.com",
                List.of(rec("PRIMARY", "us-east-1"), rec("SECONDARY", "us-east-2")),
                Map.of("us-east-1", target("us-east-1")));
        List<FieldChange> diff = new FailoverRecordsReconciler().diff(SPEC, state);
        assertEquals(List.of("SECONDARY"), fields(diff));
        assertTrue(diff.get(0).desired().contains("no load balancer or health check of us-east-2"), diff.toString());
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
        return changes.stream().map(c -> c.actionAsString() + " " + c.resourceRecordSet().setIdentifier() + " "
                + c.resourceRecordSet().failoverAsString()).toList();
    }

    private static List<String> fields(List<FieldChange> changes) {
        return changes.stream().map(FieldChange::field).toList();
    }
}

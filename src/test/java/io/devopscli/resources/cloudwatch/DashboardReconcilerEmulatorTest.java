package io.devopscli.resources.cloudwatch;

import static io.devopscli.resources.EngineHarness.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Plan;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.EngineHarness;
import io.devopscli.resources.PreMadeReconciler;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** The load balancer and target groups are published ARNs (PreMadeReconciler): the body only names them. */
@EmulatorTest
class DashboardReconcilerEmulatorTest {
    static final ResourceKey LB = key("elbv2/load-balancer", "alb");
    static final ResourceKey STAGING = key("elbv2/target-group", "staging");
    static final ResourceKey PRODUCTION = key("elbv2/target-group", "production");
    static final ResourceKey KEY = key("cloudwatch/dashboard", "main");
    static final String LB_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/natproj-alb/5";
    static final String NAME = "natproj-us-east-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineHarness harness;
    private CloudWatchClient cloudwatch;

    static DashboardSpec spec(Optional<String> replication) {
        return new DashboardSpec(NAME, "us-east-1", "natproj-cluster", LB, List.of(
                new DashboardSpec.Environment("staging", "web-staging", STAGING, "staging-server-errors"),
                new DashboardSpec.Environment("production", "web-production", PRODUCTION, "production-server-errors")),
                "natproj/App", replication);
    }

    static void graph(RegionGraph g, DashboardSpec spec) {
        g.add(LB, new PreMadeReconciler(), LB_ARN);
        g.add(STAGING, new PreMadeReconciler(), "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/natproj-staging/1");
        g.add(PRODUCTION, new PreMadeReconciler(), "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/natproj-production/2");
        g.add(KEY, new DashboardReconciler(), spec, spec.parents());
    }

    @BeforeEach
    void setUp() {
        Emulator.reset();
        harness = new EngineHarness(g -> graph(g, spec(Optional.of("natproj-replication"))));
        cloudwatch = harness.clients().cloudwatch();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void basicPutsTheGeneratedBody() throws Exception {
        harness.up();

        var body = JSON.readTree(body());
        assertEquals(8, body.get("widgets").size());
        assertEquals("app/natproj-alb/5", body.get("widgets").get(2).get("properties").get("metrics").get(0).get(3).asText());
        assertEquals(Action.NOOP, EngineHarness.byKey(harness.plan()).get(KEY).action());
    }

    @Test
    void idempotentSecondRunChangesNothing() {
        harness.up();
        Plan second = harness.plan();
        assertEquals(List.of(), EngineHarness.mutations(second).stream().filter(c -> c.key().equals(KEY)).toList());
        harness.clients().settings().counter().reset();
        EngineHarness.succeeded(harness.apply(second));
        assertEquals(0, harness.clients().settings().counter().mutating());
    }

    @Test
    void aHandEditIsDriftAndRepaired() {
        harness.up();
        String generated = body();
        cloudwatch.putDashboard(r -> r.dashboardName(NAME).dashboardBody(generated.replace("ALB requests", "Requests!")));

        Change change = EngineHarness.byKey(harness.plan()).get(KEY);
        assertEquals(Action.UPDATE, change.action());
        assertEquals(List.of(FieldChange.of("body", "widgets[2].properties.title = \"ALB requests\"",
                "widgets[2].properties.title = \"Requests!\"")), change.fields());
        harness.up();
        assertEquals(generated, body());
    }

    @Test
    void aReformattedButEqualBodyIsNotDrift() throws Exception {
        harness.up();
        String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(body()));
        cloudwatch.putDashboard(r -> r.dashboardName(NAME).dashboardBody(pretty));

        assertEquals(Action.NOOP, EngineHarness.byKey(harness.plan()).get(KEY).action());
    }

    @Test
    void aTopologyChangeRegeneratesTheBody() throws Exception {
        harness.up();
        harness.desire(g -> graph(g, spec(Optional.empty())));

        Change change = EngineHarness.byKey(harness.plan()).get(KEY);
        assertEquals(List.of(FieldChange.of("body", "widgets[7] = (absent)", change.fields().get(0).actual())),
                change.fields());
        harness.up();
        assertEquals(7, JSON.readTree(body()).get("widgets").size());
    }

    @Test
    void disappearsPlansExactlyOneCreate() {
        harness.up();
        cloudwatch.deleteDashboards(r -> r.dashboardNames(NAME));

        assertEquals(List.of(new Change(KEY, Action.CREATE, List.of())),
                EngineHarness.mutations(harness.plan()).stream().filter(c -> c.key().equals(KEY)).toList());
        harness.up();
        assertFalse(body().isEmpty());
    }

    @Test
    void destroyDeletesTheDashboard() {
        harness.up();
        harness.down();
        assertTrue(cloudwatch.listDashboards(r -> r.dashboardNamePrefix(NAME)).dashboardEntries().isEmpty());
        assertEquals(List.of(), EngineHarness.mutations(harness.planDestroy()).stream()
                .filter(c -> c.key().equals(KEY)).toList());
    }

    private String body() {
        return cloudwatch.getDashboard(r -> r.dashboardName(NAME)).dashboardBody();
    }
}

package io.devopscli.resources.logs;

import static io.devopscli.resources.EngineHarness.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Plan;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.EngineHarness;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilter;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricTransformation;

@EmulatorTest
class MetricFilterReconcilerEmulatorTest {
    static final String GROUP_NAME = "/natproj/web/production";
    static final ResourceKey GROUP = key("logs/log-group", "app-production");
    static final ResourceKey KEY = key("logs/metric-filter", "app-production-server-errors");
    static final String PATTERN = "{ ($.status >= 500) && ($.path != \"/health\") }";
    static final MetricFilterSpec SPEC = new MetricFilterSpec("natproj-production-server-errors", GROUP, GROUP_NAME,
            PATTERN, "natproj/App", "production-server-errors", "1", 0.0);

    private EngineHarness harness;
    private CloudWatchLogsClient logs;

    static void graph(RegionGraph g, MetricFilterSpec spec) {
        g.add(GROUP, new LogGroupReconciler(), new LogGroupSpec(GROUP_NAME, 30));
        g.add(KEY, new MetricFilterReconciler(), spec, GROUP);
    }

    @BeforeEach
    void setUp() {
        Emulator.reset();
        harness = new EngineHarness(g -> graph(g, SPEC));
        logs = harness.clients().logs();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void basicPutsTheFilterOnTheGroup() {
        harness.up();

        MetricFilter filter = only();
        assertEquals(PATTERN, filter.filterPattern());
        MetricTransformation t = filter.metricTransformations().get(0);
        assertEquals(List.of("natproj/App", "production-server-errors", "1", 0.0),
                List.of(t.metricNamespace(), t.metricName(), t.metricValue(), t.defaultValue()));
        assertEquals(Action.NOOP, EngineHarness.byKey(harness.plan()).get(KEY).action());
    }

    @Test
    void idempotentSecondRunChangesNothing() {
        harness.up();
        Plan second = harness.plan();
        assertEquals(List.of(), EngineHarness.mutations(second));
        harness.clients().settings().counter().reset();
        EngineHarness.succeeded(harness.apply(second));
        assertEquals(0, harness.clients().settings().counter().mutating());
    }

    @Test
    void aPatternEditedByHandIsRepaired() {
        harness.up();
        // by hand, as AWS's PutMetricFilter replaces it (moto would append a second one: see MotoMetricFilters)
        logs.deleteMetricFilter(r -> r.logGroupName(GROUP_NAME).filterName(SPEC.name()));
        logs.putMetricFilter(r -> r.logGroupName(GROUP_NAME).filterName(SPEC.name()).filterPattern("ERROR")
                .metricTransformations(MetricTransformation.builder().metricNamespace("natproj/App")
                        .metricName("production-server-errors").metricValue("1").defaultValue(0.0).build()));

        Change change = EngineHarness.byKey(harness.plan()).get(KEY);
        assertEquals(Action.UPDATE, change.action());
        assertEquals(List.of(FieldChange.of("pattern", PATTERN, "ERROR")), change.fields());
        harness.up();
        assertEquals(PATTERN, only().filterPattern());
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void aSpecChangeUpdatesTheTransformationInPlace() {
        harness.up();
        harness.desire(g -> graph(g, new MetricFilterSpec(SPEC.name(), GROUP, GROUP_NAME, PATTERN, "natproj/App",
                "production-5xx", "1", 0.0)));

        assertEquals(List.of("metricTransformation"), EngineHarness.byKey(harness.plan()).get(KEY).fields().stream()
                .map(FieldChange::field).toList());
        harness.up();
        assertEquals("production-5xx", only().metricTransformations().get(0).metricName());
    }

    @Test
    void disappearsPlansExactlyOneCreate() {
        harness.up();
        logs.deleteMetricFilter(r -> r.logGroupName(GROUP_NAME).filterName(SPEC.name()));

        assertEquals(List.of(new Change(KEY, Action.CREATE, List.of())), EngineHarness.mutations(harness.plan()));
        harness.up();
        only();
    }

    @Test
    void destroyDeletesTheFilterBeforeItsGroup() {
        harness.up();
        harness.down();
        assertEquals(List.of(), logs.describeMetricFilters(r -> { }).metricFilters());
        assertEquals(List.of(), EngineHarness.mutations(harness.planDestroy()));
    }

    @Test
    void aFilterOnAGroupThatIsNotOursIsNotOurs() {
        // same group name, no ownership tag, and a filter of our filter's name on it
        logs.createLogGroup(r -> r.logGroupName(GROUP_NAME));
        logs.putMetricFilter(r -> r.logGroupName(GROUP_NAME).filterName(SPEC.name()).filterPattern("")
                .metricTransformations(MetricTransformation.builder().metricNamespace("x").metricName("y")
                        .metricValue("1").build()));

        assertEquals(Action.CREATE, EngineHarness.byKey(harness.plan()).get(KEY).action());
        harness.down();
        assertEquals(1, logs.describeMetricFilters(r -> r.logGroupName(GROUP_NAME)).metricFilters().size(),
                "down leaves someone else's filter alone");
    }

    private MetricFilter only() {
        List<MetricFilter> filters = logs.describeMetricFilters(r -> r.logGroupName(GROUP_NAME)).metricFilters();
        assertEquals(1, filters.size(), () -> "exactly one filter: " + filters);
        assertTrue(filters.get(0).filterName().equals(SPEC.name()));
        return filters.get(0);
    }
}

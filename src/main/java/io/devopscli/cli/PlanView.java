package io.devopscli.cli;

import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.NodeResult;
import io.devopscli.engine.Plan;
import io.devopscli.engine.RegionPlan;
import io.devopscli.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan as plain maps and lists in a stable order: the one shape both the JSON output and the tests
 * read. Resource state is "in-sync", "drifted", "missing" or "error" (status's words for the actions).
 */
final class PlanView {
    private PlanView() {
    }

    static List<Map<String, Object>> regions(Topology topology, Plan plan) {
        List<Map<String, Object>> regions = new ArrayList<>();
        for (RegionPlan rp : plan.regions()) {
            Map<String, Object> region = new LinkedHashMap<>();
            region.put("region", rp.region());
            region.put("role", topology.region(rp.region()).map(r -> r.role().name().toLowerCase()).orElse(""));
            region.put("summary", summary(rp));
            List<Map<String, Object>> resources = new ArrayList<>();
            rp.changes().stream().sorted((a, b) -> a.key().compareTo(b.key())).forEach(c -> resources.add(resource(c)));
            for (NodeResult f : rp.observeFailures()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("type", f.key().type());
                r.put("name", f.key().name());
                // "error": reading it failed; "unknown": not checked because a parent could not be read
                r.put("state", f.outcome() == NodeResult.Outcome.SKIPPED ? "unknown" : "error");
                r.put("action", "unknown");
                r.put("error", f.message());
                resources.add(r);
            }
            region.put("resources", resources);
            regions.add(region);
        }
        return regions;
    }

    /** The live checks of one region, or an empty list when they were not asked for. */
    static List<Map<String, Object>> live(List<io.devopscli.health.LiveCheck> checks) {
        List<Map<String, Object>> list = new ArrayList<>();
        if (checks != null) {
            for (io.devopscli.health.LiveCheck c : checks) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("check", c.name());
                m.put("ok", c.ok());
                m.put("state", c.state());
                m.put("detail", c.detail());
                list.add(m);
            }
        }
        return list;
    }

    /** A resource with more than one owned copy is "duplicate", whatever its fields say. */
    static String state(Change c) {
        return c.duplicates().isEmpty() ? state(c.action()) : "duplicate";
    }

    static String state(Action action) {
        return switch (action) {
            case NOOP -> "in-sync";
            case CREATE -> "missing";
            case UPDATE, REPLACE -> "drifted";
            case DELETE -> "present";
        };
    }

    private static Map<String, Object> resource(Change c) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("type", c.key().type());
        r.put("name", c.key().name());
        r.put("state", state(c));
        r.put("action", c.action().label());
        r.put("duplicates", c.duplicates());
        // set when the action comes from a parent's replacement: "replaced because ec2/vpc vpc is replaced"
        r.put("reason", c.reason());
        r.put("cascadeRoot", c.cascade().map(x -> x.root().type() + " " + x.root().name()).orElse(""));
        List<Map<String, Object>> fields = new ArrayList<>();
        for (FieldChange f : c.fields()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("field", f.field());
            m.put("desired", f.desired());
            m.put("actual", f.actual());
            m.put("forcesReplacement", f.immutable());
            fields.add(m);
        }
        r.put("drift", fields);
        return r;
    }

    private static Map<String, Object> summary(RegionPlan rp) {
        Map<String, Object> s = new LinkedHashMap<>();
        for (Action a : Action.values()) {
            s.put(a.label(), rp.count(a));
        }
        s.put("errors", rp.observeFailures().size());
        return s;
    }
}

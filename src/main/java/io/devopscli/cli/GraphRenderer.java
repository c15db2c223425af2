package io.devopscli.cli;

import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.Node;
import io.devopscli.engine.NodeResult;
import io.devopscli.engine.Plan;
import io.devopscli.engine.RegionPlan;
import io.devopscli.engine.ResourceKey;
import io.devopscli.topology.Topology;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The architecture as a graph: per region a cluster of its resources, an arrow from each resource to
 * what needs it, each resource marked with its state (or, for a dry run, what up would do). Mermaid
 * renders where people read Markdown; dot is for Graphviz.
 */
final class GraphRenderer {
    enum Format { MERMAID, DOT }

    private final PrintWriter out;
    private final Topology topology;
    private final boolean asPlan;

    /** @param asPlan mark each resource with up's action (create, update, ...) instead of its state */
    GraphRenderer(PrintWriter out, Topology topology, boolean asPlan) {
        this.out = out;
        this.topology = topology;
        this.asPlan = asPlan;
    }

    void render(Plan plan, Format format) {
        if (format == Format.MERMAID) {
            mermaid(plan);
        } else {
            dot(plan);
        }
        out.flush();
    }

    private void mermaid(Plan plan) {
        out.println("flowchart LR");
        for (RegionPlan rp : plan.regions()) {
            Map<ResourceKey, String> marks = marks(rp);
            out.printf("  subgraph %s[\"%s (%s)\"]%n", id(rp.region()), rp.region(), role(rp.region()));
            out.println("    direction LR");
            for (Node<?, ?> n : rp.graph().nodes()) {
                String mark = marks.get(n.key());
                out.printf("    %s[\"%s<br/>%s<br/><i>%s</i>\"]:::%s%n", id(n.key()), n.key().type(), n.key().name(),
                        mark, cssClass(mark));
            }
            out.println("  end");
            for (Node<?, ?> n : rp.graph().nodes()) {
                for (ResourceKey parent : new java.util.TreeSet<>(n.dependsOn())) {
                    out.printf("  %s --> %s%n", id(parent), id(n.key()));
                }
            }
        }
        out.println("  classDef ok fill:#e6f4ea,stroke:#34a853");
        out.println("  classDef change fill:#fef7e0,stroke:#f9ab00");
        out.println("  classDef missing fill:#fce8e6,stroke:#ea4335");
    }

    private void dot(Plan plan) {
        out.println("digraph devops_cli {");
        out.println("  rankdir=LR;");
        out.println("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];");
        for (RegionPlan rp : plan.regions()) {
            Map<ResourceKey, String> marks = marks(rp);
            out.printf("  subgraph cluster_%s {%n    label=\"%s (%s)\";%n", id(rp.region()), rp.region(), role(rp.region()));
            for (Node<?, ?> n : rp.graph().nodes()) {
                String mark = marks.get(n.key());
                out.printf("    %s [label=\"%s\\n%s\\n(%s)\", fillcolor=\"%s\"];%n", id(n.key()), n.key().type(),
                        n.key().name(), mark, color(cssClass(mark)));
            }
            out.println("  }");
            for (Node<?, ?> n : rp.graph().nodes()) {
                for (ResourceKey parent : new java.util.TreeSet<>(n.dependsOn())) {
                    out.printf("  %s -> %s;%n", id(parent), id(n.key()));
                }
            }
        }
        out.println("}");
    }

    /** Each resource's mark: its state (in sync, drifted, missing, unreadable) or up's action. */
    private Map<ResourceKey, String> marks(RegionPlan rp) {
        Map<ResourceKey, String> marks = new HashMap<>();
        for (Change c : rp.changes()) {
            marks.put(c.key(), asPlan ? (c.action() == Action.NOOP ? "unchanged" : c.action().name().toLowerCase(Locale.ROOT))
                    : PlanView.state(c.action()).replace('-', ' '));
        }
        for (NodeResult f : rp.observeFailures()) {
            marks.put(f.key(), "unreadable");
        }
        return marks;
    }

    private static String cssClass(String mark) {
        return switch (mark == null ? "" : mark) {
            case "in sync", "unchanged" -> "ok";
            case "missing", "create", "unreadable" -> "missing";
            default -> "change";
        };
    }

    private static String color(String cssClass) {
        return switch (cssClass) {
            case "ok" -> "#e6f4ea";
            case "missing" -> "#fce8e6";
            default -> "#fef7e0";
        };
    }

    private String role(String region) {
        return topology.region(region).map(r -> r.role().name().toLowerCase(Locale.ROOT)).orElse("?");
    }

    private static String id(ResourceKey key) {
        return id(key.region() + "_" + key.type() + "_" + key.name());
    }

    private static String id(String text) {
        return text.replaceAll("[^A-Za-z0-9]", "_");
    }
}

package io.devopscli.cli;

import io.devopscli.engine.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the architecture per region as a graph, each resource with its state read live. Read-only. */
@Command(name = "graph", header = "Print the architecture as a graph (Mermaid or dot).",
        description = {"Print the architecture per region as a graph: every resource, an arrow "
        + "to what needs it, each marked with its state read live (in sync, drifted, missing) or, with "
        + "--dry-run, what up would do. -o mermaid (default, renders in Markdown) or -o dot (Graphviz)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  # Mermaid, states read live",
            "  devops-cli graph > architecture.mmd",
            "  # Graphviz",
            "  devops-cli graph -o dot | dot -Tsvg > architecture.svg",
            "  # the plan of one region",
            "  devops-cli graph --dry-run --regions us-east-1"})
final class GraphCommand extends BaseCommand {
    @Option(names = "--dry-run", description = "Mark each resource with what up would do (create, update, replace, "
            + "unchanged) instead of its state.")
    boolean dryRun;

    @Override
    boolean acceptsOutput(CommonOptions.Output output) {
        return output != CommonOptions.Output.json;
    }

    @Override
    public Integer call() {
        try (Session session = Session.open(common, err())) {
            Plan plan = session.engine().plan(session.graphs());
            session.display().pause();
            GraphRenderer.Format format = common.output == CommonOptions.Output.dot
                    ? GraphRenderer.Format.DOT : GraphRenderer.Format.MERMAID;
            new GraphRenderer(out(), session.topology(), dryRun).render(plan, format);
            return plan.hasObserveFailures() ? ExitCodes.AWS_FAILED : ExitCodes.OK;
        }
    }
}

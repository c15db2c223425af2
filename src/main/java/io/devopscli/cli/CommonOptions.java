package io.devopscli.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every subcommand shares (a picocli mixin). */
public final class CommonOptions {

    /** table and json for every command; mermaid and dot for graph only (BaseCommand.acceptsOutput). */
    public enum Output { table, json, mermaid, dot }

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "config/topology.yaml",
            description = "Topology file (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--regions", split = ",", paramLabel = "REGION",
            description = "Limit the run to these regions of the topology (comma separated).")
    List<String> regions;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "AWS endpoint override, e.g. a local emulator. AWS_ENDPOINT_URL is honoured too.")
    String endpointUrl;

    @Option(names = "--profile", paramLabel = "NAME", description = "AWS shared-config profile.")
    String profile;

    @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
            description = "table or json (default: ${DEFAULT-VALUE}); graph: mermaid (default) or dot.")
    Output output;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces and every step.")
    boolean verbose;

    @Option(names = "--no-color", description = "Plain output without ANSI colors.")
    boolean noColor;

    public boolean json() {
        return output == Output.json;
    }
}

package io.devopscli.cli;

import picocli.CommandLine.Option;

/** -h/--help on every subcommand (a mixin): picocli prints the usage and exits 0 before any validation. */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help (options and examples) and exit.")
    boolean help;
}

package io.devopscli.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the common options and the two streams (data to out, the rest to err). */
abstract class BaseCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    boolean color() {
        return !common.noColor && System.console() != null && System.getenv("NO_COLOR") == null;
    }

    /** With --verbose, lists on stderr which operations changed something: the proof behind the count. */
    void showMutatingCalls(io.devopscli.aws.CallCounter calls) {
        if (verbose() && calls.mutating() > 0) {
            err().println("Calls that changed something:");
            new TableRenderer(err(), null, false).mutatingCalls(calls);
        }
    }

    /** The -o formats this command writes; picocli's parse accepts the union, Main checks this. */
    boolean acceptsOutput(CommonOptions.Output output) {
        return output == CommonOptions.Output.table || output == CommonOptions.Output.json;
    }

    boolean verbose() {
        return common != null && common.verbose;
    }
}

package io.devopscli.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.testing.Cli;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The operator's contract for every subcommand registered with picocli, so a command added later (push,
 * unlock, ...) is held to it without touching this test: --help, -h and `help CMD` exit 0, print a
 * description, every option and examples, and make no AWS call (nothing else is given to reach).
 */
class HelpContractTest {

    private static Map<String, CommandLine> subcommands() {
        return new CommandLine(new DevopsCli()).getSubcommands();
    }

    @Test
    void everySubcommandHasHelpWithEveryOptionAndExamples() {
        List<String> failures = new ArrayList<>();
        subcommands().forEach((name, sub) -> {
            if (name.equals("help")) {
                return; // picocli's own help command: checked below as the way to reach the others
            }
            for (String[] args : List.of(new String[] {name, "--help"}, new String[] {name, "-h"},
                    new String[] {"help", name})) {
                Cli.Result r = Cli.inProcess(args);
                String how = String.join(" ", args);
                if (r.code() != 0) {
                    failures.add(how + ": exit " + r.code() + "\n" + r);
                    continue;
                }
                CommandSpec spec = sub.getCommandSpec();
                if (spec.usageMessage().description().length == 0) {
                    failures.add(how + ": no description");
                }
                if (!r.out().contains("Examples:")) {
                    failures.add(how + ": no examples");
                }
                for (OptionSpec option : spec.options()) {
                    // a negatable option shows as --[no-]live
                    String shown = option.negatable() ? "--[no-]" + option.longestName().substring(2) : option.longestName();
                    if (!option.hidden() && !r.out().contains(shown)) {
                        failures.add(how + ": option " + option.longestName() + " missing");
                    }
                }
            }
        });
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(subcommands().keySet().containsAll(List.of("up", "down", "status", "graph", "replicate", "failover",
                "completion", "help")), subcommands().keySet().toString());
    }

    @Test
    void helpDoesNotNeedTheRequiredOptions() {
        Cli.Result r = Cli.inProcess("failover", "--help");
        assertEquals(0, r.code(), r.toString());
        assertFalse(r.err().contains("Missing required option"), r.toString());
        assertTrue(r.out().contains("--to=REGION"), r.toString());
    }

    @Test
    void aMistypedSubcommandGetsADidYouMean() {
        Cli.Result r = Cli.inProcess("stauts");
        assertEquals(64, r.code(), r.toString());
        assertTrue(r.err().contains("unknown subcommand 'stauts'"), r.toString());
        assertTrue(r.err().contains("Did you mean: status?"), r.toString());
    }

    @Test
    void aMistypedOptionGetsADidYouMean() {
        Cli.Result r = Cli.inProcess("up", "--dryrun");
        assertEquals(64, r.code(), r.toString());
        assertTrue(r.err().contains("Unknown option: '--dryrun'"), r.toString());
        assertTrue(r.err().contains("Did you mean: --dry-run?"), r.toString());
        assertTrue(r.err().contains("devops-cli help up"), r.toString());
    }

    @Test
    void versionNamesTheCommitAndTheSdk() {
        Cli.Result r = Cli.inProcess("--version");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("devops-cli 0.1.0"), r.toString());
        assertTrue(r.out().contains("git commit "), r.toString());
        assertTrue(r.out().contains("AWS SDK for Java " + software.amazon.awssdk.core.util.VersionInfo.SDK_VERSION),
                r.toString());
    }

    @Test
    void completionScriptsKnowEverySubcommand() {
        for (String shell : List.of("bash", "zsh")) {
            Cli.Result r = Cli.inProcess("completion", shell);
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().startsWith("#!/usr/bin/env bash"), r.toString());
            assertTrue(r.out().contains("bashcompinit"), "zsh runs it through bashcompinit: " + r);
            for (String sub : subcommands().keySet()) {
                assertTrue(r.out().contains(sub), sub + " missing from the " + shell + " script");
            }
            assertTrue(r.out().contains("--dry-run") && r.out().contains("--live"), "options are completed too");
        }
        assertEquals(64, Cli.inProcess("completion", "fish").code());
    }

    @Test
    void graphFormatsBelongToGraphAndJsonDoesNot() {
        Cli.Result r = Cli.inProcess("status", "-o", "mermaid", "-c", "config/topology.yaml");
        assertEquals(64, r.code(), r.toString());
        assertTrue(r.err().contains("-o mermaid is not a format of status"), r.toString());
        Cli.Result g = Cli.inProcess("graph", "-o", "json", "-c", "config/topology.yaml");
        assertEquals(64, g.code(), g.toString());
    }
}

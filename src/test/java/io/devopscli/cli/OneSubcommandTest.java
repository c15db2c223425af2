package io.devopscli.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A run that names one subcommand builds only its model (OneSubcommand): for every subcommand, what the
 * operator sees (help, a mistyped option with its suggestion, a bad value) is the same as with the full
 * model, and what needs every subcommand (help, completion, a mistyped subcommand) keeps the full model.
 * No AWS call: every case ends in picocli's parsing.
 */
class OneSubcommandTest {
    private static final Set<String> FULL_MODEL = Set.of("help", "completion");

    @Test
    void everySubcommandAnswersAsWithTheFullModel() {
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (String name : new CommandLine(new DevopsCli()).getSubcommands().keySet()) {
            if (FULL_MODEL.contains(name)) {
                continue;
            }
            for (String[] args : List.of(new String[] {name, "--help"}, new String[] {name, "--no-such-opton"},
                    new String[] {name, "-o", "yaml"}, new String[] {name, "--regions"})) {
                CommandLine one = OneSubcommand.of(args).orElseThrow(() -> new AssertionError(name + " has no single model"));
                String lean = run(one, args);
                String full = run(new CommandLine(new DevopsCli()), args);
                if (!lean.equals(full)) {
                    differences.add(String.join(" ", args) + "\n--- one subcommand:\n" + lean + "\n--- full:\n" + full);
                }
                compared++;
            }
        }
        assertTrue(compared >= 28, "every subcommand was compared: " + compared);
        assertEquals(List.of(), differences);
    }

    @Test
    void whatNeedsEverySubcommandKeepsTheFullModel() {
        for (String[] args : List.of(new String[] {"help"}, new String[] {"help", "up"}, new String[] {"completion", "bash"},
                new String[] {"upp"}, new String[] {"--version"}, new String[] {"-v", "up"}, new String[] {})) {
            assertTrue(OneSubcommand.of(args).isEmpty(), String.join(" ", args));
        }
        assertEquals(Set.of("up"), OneSubcommand.of("up", "--dry-run").orElseThrow().getSubcommands().keySet());
    }

    private static String run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(cli, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return "exit " + code + "\nout:\n" + out + "\nerr:\n" + err;
    }
}

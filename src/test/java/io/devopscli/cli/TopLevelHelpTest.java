package io.devopscli.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The fast --help prints exactly what picocli prints from the full model of every subcommand. */
class TopLevelHelpTest {
    @Test
    void helpEqualsPicocliRenderingOfTheFullModel() {
        String full = new CommandLine(new DevopsCli()).setUsageHelpAutoWidth(true).getUsageMessage();
        // and picocli's own help command, which TopLevelHelp answers too
        ByteArrayOutputStream helpCommand = new ByteArrayOutputStream();
        new CommandLine(new DevopsCli()).setUsageHelpAutoWidth(true)
                .setOut(new java.io.PrintWriter(helpCommand, true, StandardCharsets.UTF_8)).execute("help");
        assertEquals(full, helpCommand.toString(StandardCharsets.UTF_8));
        for (String flag : new String[] {"--help", "-h", "help"}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), flag);
            assertEquals(0, code);
            assertEquals(full, out.toString(StandardCharsets.UTF_8), flag);
            assertEquals("", err.toString(StandardCharsets.UTF_8));
        }
        assertTrue(full.contains("failover"), full);
    }

    @Test
    void onlyABareHelpTakesTheFastPath() {
        assertTrue(TopLevelHelp.asked("--help"));
        assertTrue(TopLevelHelp.asked("-h"));
        assertTrue(TopLevelHelp.asked("help"));
        assertFalse(TopLevelHelp.asked("help", "up"));
        assertFalse(TopLevelHelp.asked("up", "--help"));
        assertFalse(TopLevelHelp.asked("--help", "up"));
        assertFalse(TopLevelHelp.asked());
    }
}

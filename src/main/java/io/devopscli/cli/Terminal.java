package io.devopscli.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Asks for confirmation on the user's terminal: the console when stdin and stdout are one, otherwise
 * /dev/tty (so `up | tee up.log` still asks). Without any terminal, a command that needs consent refuses.
 */
final class Terminal {
    private static final String TTY = "/dev/tty";

    private Terminal() {
    }

    /**
     * Refuses up front, before any AWS call, when consent will be needed and cannot be asked for.
     */
    static void requireConsentPossible(boolean yes) {
        if (!yes && !available()) {
            throw new UsageException("no terminal to confirm on: pass --yes to proceed without asking");
        }
    }

    /**
     * Returns true when the user typed "yes". Throws a UsageException when there is no terminal, so a
     * script never changes anything by accident: it must pass --yes.
     */
    static boolean confirm(String question, PrintWriter err) {
        String prompt = question + " Only 'yes' will be accepted: ";
        Console console = System.console();
        if (console != null) {
            err.print(prompt);
            err.flush();
            String answer = console.readLine();
            return answer != null && answer.trim().equals("yes");
        }
        if (!available()) {
            throw new UsageException("no terminal to confirm on: pass --yes to proceed without asking");
        }
        // stdout (or stdin) is redirected, but the user is at a terminal: ask there
        try (PrintWriter tty = new PrintWriter(new FileWriter(TTY, StandardCharsets.UTF_8), true);
             BufferedReader in = new BufferedReader(new FileReader(TTY, StandardCharsets.UTF_8))) {
            tty.print(prompt);
            tty.flush();
            String answer = in.readLine();
            return answer != null && answer.trim().equals("yes");
        } catch (IOException e) {
            throw new UsageException("cannot ask on " + TTY + " (" + e.getMessage() + "): pass --yes to proceed without asking");
        }
    }

    /**
     * A console, or a controlling terminal that opens. Only a real process asks: in-process runs
     * (tests) have no user to answer, whatever terminal the build runs in.
     */
    static boolean available() {
        if (System.console() != null) {
            return true;
        }
        if (!ProgressDisplay.processOwnsTerminal) {
            return false;
        }
        try (FileReader ignored = new FileReader(TTY, StandardCharsets.UTF_8)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

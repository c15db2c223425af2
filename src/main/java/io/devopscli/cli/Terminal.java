package io.devopscli.cli;

import java.io.Console;
import java.io.PrintWriter;

/** Asks for confirmation on a real terminal; without one, a command that needs consent refuses. */
final class Terminal {
    private Terminal() {
    }

    /**
     * Refuses up front, before any AWS call, when consent will be needed and cannot be asked for.
     */
    static void requireConsentPossible(boolean yes) {
        if (!yes && System.console() == null) {
            throw new UsageException("no terminal to confirm on: pass --yes to proceed without asking");
        }
    }

    /**
     * Returns true when the user typed "yes". Throws a UsageException when there is no terminal, so a
     * script never destroys anything by accident: it must pass --yes.
     */
    static boolean confirm(String question, PrintWriter err) {
        Console console = System.console();
        if (console == null) {
            throw new UsageException("no terminal to confirm on: pass --yes to proceed without asking");
        }
        err.print(question + " Only 'yes' will be accepted: ");
        err.flush();
        String answer = console.readLine();
        return answer != null && answer.trim().equals("yes");
    }
}

package io.devopscli.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Ctrl-C. While changes are being applied, the first one stops starting new work and lets the calls in
 * flight finish (the command then reports what was done and exits 130); at any other moment nothing
 * has changed yet and the run ends at once. A second Ctrl-C always exits at once.
 * Installed by Main.main only: tests run the CLI in-process and keep the JVM's own handling.
 */
final class Interrupts {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static volatile Runnable onStop;
    private static volatile PrintStream err = System.err;

    private Interrupts() {
    }

    static void install(PrintStream stderr) {
        err = stderr;
        Signal.handle(new Signal("INT"), signal -> interrupted());
    }

    private static void interrupted() {
        Runnable stop = onStop;
        if (COUNT.incrementAndGet() > 1 || stop == null) {
            err.println();
            err.println(stop == null ? "devops-cli: interrupted; nothing was being changed"
                    : "devops-cli: interrupted again: exiting now; run the same command again to finish");
            err.flush();
            Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
        }
        err.println();
        err.println("devops-cli: stopping: no new changes start, the ones in flight finish (Ctrl-C again exits now)");
        err.flush();
        stop.run();
    }

    /** While changes run: what the first Ctrl-C does instead of exiting (stop starting new work). */
    static void whileChanging(Runnable stop) {
        onStop = stop;
    }

    static void doneChanging() {
        onStop = null;
    }

    /** Whether a Ctrl-C asked this run to stop. */
    static boolean requested() {
        return COUNT.get() > 0;
    }
}

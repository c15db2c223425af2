package io.devopscli.cli;

import io.devopscli.engine.Progress;
import io.devopscli.engine.ResourceKey;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Progress on stderr. On a terminal: the log lines, under them one live line that is redrawn every half
 * second ("[12/58] 1m10s  waiting for creating ec2 nat-gateway us-east-1a (40s), +2 more"), and while
 * reading, how far each region is. Anywhere else (a pipe, a file, cron): the same events as lines with
 * a UTC timestamp and the count, so a log says when each thing happened.
 */
final class ProgressDisplay implements AutoCloseable {
    /** Set by Main.main only: in-process runs (tests) write to their own streams, never a terminal. */
    static volatile boolean processOwnsTerminal;

    private final PrintWriter err;
    private final boolean live;
    private final Clock clock;
    private final Instant start;
    private final Map<String, Instant> inFlight = new ConcurrentHashMap<>();
    private final Map<String, int[]> reads = new LinkedHashMap<>(); // region -> {read, total}
    private final AtomicInteger done = new AtomicInteger();
    private volatile int total;
    private volatile String phase = "";
    private Thread ticker;

    ProgressDisplay(PrintWriter err, boolean live, Clock clock) {
        this.err = err;
        this.live = live;
        this.clock = clock;
        this.start = clock.instant();
        if (live) {
            ticker = new Thread(this::tick, "devops-cli-progress");
            ticker.setDaemon(true);
            ticker.start();
        }
    }

    /** Live only when this process writes stderr to a terminal; DEVOPS_CLI_PROGRESS=plain forces lines. */
    static ProgressDisplay forStderr(PrintWriter err) {
        boolean live = processOwnsTerminal && !"plain".equals(System.getenv("DEVOPS_CLI_PROGRESS")) && stderrIsTerminal();
        return new ProgressDisplay(err, live, Clock.systemUTC());
    }

    /** Linux names the terminal behind fd 2 in /proc; elsewhere, a console on stdin and stdout is the hint. */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return System.console() != null;
        }
    }

    /** The reporter for one region's engine work. */
    Progress forRegion(String region) {
        return new Progress() {
            @Override
            public void info(String message) {
                line("  " + message);
            }

            @Override
            public void started(String what) {
                inFlight.put(what, clock.instant());
                line("  " + count() + what);
            }

            @Override
            public void finished(String what, boolean ok, String message) {
                synchronized (ProgressDisplay.this) { // the count and its line in one step: lines stay in order
                    inFlight.remove(what);
                    done.incrementAndGet();
                    line("  " + count() + message);
                }
            }

            @Override
            public void read(ResourceKey key) {
                boolean complete;
                synchronized (reads) {
                    int[] r = reads.computeIfAbsent(region, k -> new int[2]);
                    r[0]++;
                    complete = r[0] == r[1];
                }
                if (complete && !live) {
                    line("  read " + region + ": " + reads.get(region)[1] + " resources");
                }
            }
        };
    }

    /** Reading is about to start: how many resources each region has. */
    void reading(String region, int resources) {
        synchronized (reads) {
            reads.put(region, new int[] {0, resources});
        }
        phase = "reading";
        if (!live) {
            line("  reading " + region + " (" + resources + " resources)");
        }
    }

    /** Shown on the live line only (a log needs no line for it): the JVM and the first call take seconds. */
    void liveOnly(String what) {
        if (live) {
            phase = what;
            redraw();
        }
    }

    /** A phase without a count ("checking live health"). */
    void phase(String what) {
        phase = what;
        if (!live) {
            line("  " + what);
        }
    }

    /** Applying is about to start: total changes to count against. */
    void applying(int changes) {
        total = changes;
        done.set(0);
        phase = "applying";
    }

    private String count() {
        return total > 0 ? "[" + done.get() + "/" + total + "] " : "";
    }

    /** One event: above the live line on a terminal, a timestamped line elsewhere. */
    synchronized void line(String text) {
        if (live) {
            err.print("\r\u001b[K" + text + "\n" + statusLine());
        } else {
            err.println(clock.instant().truncatedTo(ChronoUnit.SECONDS) + text);
        }
        err.flush();
    }

    private synchronized void redraw() {
        if (phase.isEmpty()) {
            return; // paused: the command is printing its output or asking a question
        }
        err.print("\r\u001b[K" + statusLine());
        err.flush();
    }

    String statusLine() {
        String elapsed = human(Duration.between(start, clock.instant()));
        if (phase.equals("reading")) {
            StringBuilder sb = new StringBuilder("reading ");
            synchronized (reads) {
                reads.forEach((region, r) -> sb.append(region).append(' ').append(r[0]).append('/').append(r[1]).append("  "));
            }
            return sb + elapsed;
        }
        if (phase.equals("applying")) {
            String waiting = inFlight.entrySet().stream().min(Map.Entry.comparingByValue())
                    .map(e -> "waiting for " + e.getKey() + " (" + human(Duration.between(e.getValue(), clock.instant()))
                            + ")" + (inFlight.size() > 1 ? ", +" + (inFlight.size() - 1) + " more" : ""))
                    .orElse("");
            return "[" + done.get() + "/" + total + "] " + elapsed + "  " + waiting;
        }
        return phase.isEmpty() ? "" : phase + " " + elapsed;
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? (s / 60) + "m" + String.format("%02d", s % 60) + "s" : s + "s";
    }

    private void tick() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
            redraw();
        }
    }

    /** Clears the live line and stops drawing it until the next phase: output or a question follows. */
    synchronized void pause() {
        phase = "";
        if (live) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }

    /** Clears the live line, so what follows starts on a clean line. */
    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.interrupt();
            if (!phase.isEmpty()) { // still drawn: an error ends the run while the line shows
                err.print("\r\u001b[K");
                err.flush();
            }
        }
        phase = "";
    }
}

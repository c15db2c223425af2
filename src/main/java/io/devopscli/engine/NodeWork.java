package io.devopscli.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Carries out one node's change with progress and timing, and turns a failure into the node's result;
 * once stopped (Ctrl-C), nothing new starts.
 */
final class NodeWork {
    private final AtomicBoolean stopped = new AtomicBoolean();

    void stop() {
        stopped.set(true);
    }

    NodeResult applyNode(Node<?, ?> node, Change change, Object observed, RegionContext ctx) {
        if (change == null || !change.action().mutates()) {
            Action action = change == null ? Action.NOOP : change.action();
            return new NodeResult(node.key(), action, NodeResult.Outcome.UNCHANGED, "", 0, null);
        }
        return perform(node, change, observed, ctx, change.action(), verb(change.action()), "");
    }

    /** Carries out one change, reported as the planned action (a replacement's delete is part of REPLACE). */
    NodeResult perform(Node<?, ?> node, Change change, Object observed, RegionContext ctx, Action reported,
                       String verb, String step) {
        if (stopped.get()) {
            // Ctrl-C: nothing new starts; what is in flight finishes, and the next up does the rest
            return new NodeResult(node.key(), reported, NodeResult.Outcome.SKIPPED,
                    "not started " + node.key().describe() + ": interrupted", 0, null);
        }
        long start = System.nanoTime();
        String what = verb + " " + node.key().describe() + step;
        ctx.progress().started(what);
        try {
            node.apply(change, observed, ctx);
            long millis = elapsed(start);
            ctx.progress().finished(what, true, String.format(java.util.Locale.ROOT, "%s ... done in %.1fs", what,
                    millis / 1000.0));
            return new NodeResult(node.key(), reported, NodeResult.Outcome.DONE, "", millis, null);
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            NodeResult failed = new NodeResult(node.key(), reported, NodeResult.Outcome.FAILED, what + ": " + reason,
                    elapsed(start), e);
            ctx.progress().finished(what, false, failed.message());
            return failed;
        }
    }

    static String verb(Action action) {
        return switch (action) {
            case CREATE -> "creating";
            case UPDATE -> "updating";
            case REPLACE -> "replacing";
            case DELETE -> "deleting";
            case NOOP -> "reading";
        };
    }

    static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}

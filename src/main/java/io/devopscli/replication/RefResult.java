package io.devopscli.replication;

/**
 * One ref on one secondary: its outcome; oldId, the secondary's id before the run (null when it had none);
 * newId, the primary's id it was to get (null for a deletion; the secondary keeps oldId unless the outcome
 * is CREATED or UPDATED); commits, how many commits a fast-forward brought (null when not counted);
 * forced, replaced a diverged ref; detail, a short reason or note.
 */
public record RefResult(String ref, RefOutcome outcome, String oldId, String newId, Integer commits,
                        boolean forced, String detail) {
}

package io.devopscli.engine;

/** What happened to one resource during apply or destroy. */
public record NodeResult(ResourceKey key, Action action, Outcome outcome, String message, long millis,
                         Throwable error) {

    public enum Outcome { DONE, UNCHANGED, FAILED, SKIPPED }

    public static NodeResult failed(ResourceKey key, Action action, String verb, Throwable error, long millis) {
        String reason = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return new NodeResult(key, action, Outcome.FAILED, verb + " " + key.describe() + ": " + reason, millis, error);
    }
}

package io.devopscli.replication;

import java.util.List;

/** What a mirror run did to one secondary; error is set when it could not be reached at all. */
public record SecondaryResult(String region, String url, String error, List<RefResult> refs, long millis) {

    public SecondaryResult {
        refs = List.copyOf(refs);
    }

    public static SecondaryResult unreachable(String region, String url, String error, long millis) {
        return new SecondaryResult(region, url, error, List.of(), millis);
    }

    public boolean reachable() {
        return error == null;
    }

    /** Reached, and every ref is as asked (nothing diverged or failed). */
    public boolean ok() {
        return reachable() && refs.stream().allMatch(r -> r.outcome().ok());
    }

    public long count(RefOutcome outcome) {
        return refs.stream().filter(r -> r.outcome() == outcome).count();
    }
}

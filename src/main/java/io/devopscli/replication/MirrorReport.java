package io.devopscli.replication;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The result of one mirror run: the primary it read, and per secondary what moved. */
public record MirrorReport(String primaryRegion, String primaryUrl, List<SecondaryResult> secondaries, long millis) {

    public MirrorReport {
        secondaries = List.copyOf(secondaries);
    }

    /** Every secondary reached and every ref as asked. */
    public boolean ok() {
        return secondaries.stream().allMatch(SecondaryResult::ok);
    }

    /** The same report with secondaries whose endpoint could not even be resolved (region to reason). */
    public MirrorReport withUnresolved(Map<String, String> failures) {
        List<SecondaryResult> all = new ArrayList<>(secondaries);
        failures.forEach((region, reason) -> all.add(SecondaryResult.unreachable(region, "", reason, 0)));
        return new MirrorReport(primaryRegion, primaryUrl, all, millis);
    }
}

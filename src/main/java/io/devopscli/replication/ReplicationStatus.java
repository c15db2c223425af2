package io.devopscli.replication;

import java.util.List;

/** How far each secondary's branches are from the primary's (for `status`). */
public record ReplicationStatus(String primaryRegion, String primaryUrl, List<Secondary> secondaries) {

    public ReplicationStatus {
        secondaries = List.copyOf(secondaries);
    }

    public enum State {
        IN_SYNC,
        /** The secondary's head is an ancestor of the primary's: a mirror run fast-forwards it. */
        BEHIND,
        /** The secondary has commits the primary lacks: a mirror run refuses it without force. */
        DIVERGED,
        /** The branch is in the primary only. */
        MISSING,
        /** The branch is in the secondary only: a full mirror run deletes it. */
        EXTRA
    }

    /**
     * One branch: both heads (null where absent), and the commit counts between them. oldestMissing is the
     * commit time of the oldest commit the secondary lacks (null when it lacks none): how far behind in time
     * it is, the replication lag a failover to it would lose.
     */
    public record Branch(String name, String primaryHead, String secondaryHead, State state, int behind, int ahead,
                         java.time.Instant oldestMissing) {
    }

    /** One secondary; error is set when it could not be read. */
    public record Secondary(String region, String url, String error, List<Branch> branches) {
        public Secondary {
            branches = List.copyOf(branches);
        }

        public boolean inSync() {
            return error == null && branches.stream().allMatch(b -> b.state() == State.IN_SYNC);
        }
    }

    public boolean inSync() {
        return secondaries.stream().allMatch(Secondary::inSync);
    }
}

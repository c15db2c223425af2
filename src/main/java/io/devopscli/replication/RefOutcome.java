package io.devopscli.replication;

/** What happened to one ref on one secondary. */
public enum RefOutcome {
    CREATED, UPDATED, DELETED, UP_TO_DATE,
    /** The secondary's ref is not an ancestor of the primary's (or a tag moved): left alone without force. */
    DIVERGED,
    FAILED;

    /** True for the outcomes that leave the secondary as asked. */
    public boolean ok() {
        return this != DIVERGED && this != FAILED;
    }
}

package io.devopscli.failover;

/** One step of a failover as reported: what it did (or would do, in a dry run) and how long it took. */
public record FailoverStep(int number, String name, Status status, String detail, long millis) {
    public enum Status { DONE, FAILED, PLANNED, SKIPPED }
}

package io.devopscli.engine;

/** Where long operations report what they are doing ("creating ec2 nat-gateway us-east-1a ... 40s"). */
public interface Progress {

    void info(String message);

    /** A resource's change begins (the display counts it as in flight). */
    default void started(String what) {
        info(what);
    }

    /** A resource's change ended; message says how ("... done in 1.2s" or the failure). */
    default void finished(String what, boolean ok, String message) {
        info(message);
    }

    /** One resource was read (observed); status and plan show how far the reading is. */
    default void read(ResourceKey key) {
    }

    Progress SILENT = message -> { };
}

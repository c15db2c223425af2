package io.devopscli.cli;

/** Every exit code of the tool, in one place (Terraform's -detailed-exitcode convention for 2). */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int AWS_FAILED = 1;
    public static final int CHANGES = 2;
    public static final int USAGE = 64;
    public static final int INVALID_TOPOLOGY = 65;
    /** A bug inside the tool (an unexpected exception), as sysexits' EX_SOFTWARE. */
    public static final int SOFTWARE = 70;
    /** Stopped by Ctrl-C (128 + SIGINT, as shells report it). */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}

package io.devopscli.health;

/**
 * One line of the live view: "ecs production: 2 running / 2 desired". ok is false when it needs a look;
 * applicable is false when the endpoint (an emulator) cannot answer this check at all, which is not a
 * problem of the architecture and is shown as "n/a (emulator)", never as one.
 */
public record LiveCheck(String name, boolean ok, String detail, boolean applicable) {

    public LiveCheck(String name, boolean ok, String detail) {
        this(name, ok, detail, true);
    }

    public static LiveCheck unavailable(String name, String reason) {
        return new LiveCheck(name, false, "unavailable: " + reason);
    }

    /** A check the emulator cannot answer (no git, no pipeline executions, no real DNS names). */
    public static LiveCheck notApplicable(String name, String why) {
        return new LiveCheck(name, false, why, false);
    }

    /** Something to look at: an applicable check that is not ok. */
    public boolean problem() {
        return applicable && !ok;
    }

    /** "ok", "problem" or "n/a": the JSON and table state. */
    public String state() {
        return !applicable ? "n/a" : ok ? "ok" : "problem";
    }
}

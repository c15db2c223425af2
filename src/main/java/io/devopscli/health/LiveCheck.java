package io.devopscli.health;

/** One line of the live view: "ecs production: 2 running / 2 desired". ok is false when it needs a look. */
public record LiveCheck(String name, boolean ok, String detail) {

    public static LiveCheck unavailable(String name, String reason) {
        return new LiveCheck(name, false, "unavailable: " + reason);
    }
}

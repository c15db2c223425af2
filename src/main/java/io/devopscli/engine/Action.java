package io.devopscli.engine;

/** What a plan does to one resource. */
public enum Action {
    CREATE, UPDATE, REPLACE, DELETE, NOOP;

    public String label() {
        return name().toLowerCase();
    }

    public boolean mutates() {
        return this != NOOP;
    }
}

package io.devopscli.engine;

/**
 * One field whose actual value differs from the desired one. An immutable field can only change by
 * replacing the resource.
 */
public record FieldChange(String field, String desired, String actual, boolean immutable) {

    public static FieldChange of(String field, Object desired, Object actual) {
        return new FieldChange(field, String.valueOf(desired), String.valueOf(actual), false);
    }

    public static FieldChange immutable(String field, Object desired, Object actual) {
        return new FieldChange(field, String.valueOf(desired), String.valueOf(actual), true);
    }

    /** The same difference, for a resource that cannot change in place: it needs a replacement. */
    public FieldChange forcingReplacement() {
        return immutable ? this : new FieldChange(field, desired, actual, true);
    }
}

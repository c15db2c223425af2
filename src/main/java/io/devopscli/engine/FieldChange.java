package io.devopscli.engine;

/**
 * One field whose actual value differs from the desired one. An immutable field can only change by
 * replacing the resource.
 */
public record FieldChange(String field, String desired, String actual, boolean immutable) {

    public static FieldChange of(String field, Object desired, Object actual) {
        return new FieldChange(field, String.valueOf(desired), String.valueOf(actual), false);
    }

    /**
     * For update: an immutable field can only change by replacement, which the engine plans as such;
     * reaching update with one (a create that found a different resource) is a bug to stop at once.
     */
    public static void refuseImmutable(String what, java.util.List<FieldChange> changes) {
        java.util.List<String> immutable = changes.stream().filter(FieldChange::immutable).map(FieldChange::field).toList();
        if (!immutable.isEmpty()) {
            throw new IllegalStateException(what + " can only be replaced to change " + immutable);
        }
    }

    public static FieldChange immutable(String field, Object desired, Object actual) {
        return new FieldChange(field, String.valueOf(desired), String.valueOf(actual), true);
    }
}

package io.devopscli.topology;

import org.snakeyaml.engine.v2.nodes.Node;

/**
 * A value read from the file with the node it came from (for positions of later problems). The value is
 * null when it was missing or invalid; that problem has already been reported.
 */
record Value<T>(T value, Node node) {

    boolean ok() {
        return value != null;
    }

    T or(T fallback) {
        return value != null ? value : fallback;
    }

    Value<T> invalid() {
        return new Value<>(null, node);
    }
}

package io.devopscli.topology;

/**
 * One thing wrong with a topology file. Line and column are 1-based; 0 means the problem concerns the
 * whole file (missing, unreadable, too large) and has no position.
 */
public record Problem(String source, int line, int column, String message) {

    @Override
    public String toString() {
        return line > 0 ? source + ":" + line + ":" + column + ": " + message : source + ": " + message;
    }
}

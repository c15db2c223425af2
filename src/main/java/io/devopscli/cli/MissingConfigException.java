package io.devopscli.cli;

import java.nio.file.Path;

/** The topology file is not there: say where it was looked for, and how to name another (exit 65). */
final class MissingConfigException extends RuntimeException {
    MissingConfigException(Path config) {
        super(config + ": no such file (looked in " + Path.of("").toAbsolutePath()
                + "); run from the project directory or pass -c/--config FILE");
    }
}

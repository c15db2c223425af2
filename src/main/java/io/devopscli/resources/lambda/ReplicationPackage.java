package io.devopscli.resources.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where `up` gets the replication Lambda's deployment package: inside the CLI jar, at /lambda/ (the root
 * build copies lambda/target/devops-cli-replication.jar there; the Makefile builds lambda/ first). The
 * environment variable DEVOPS_CLI_REPLICATION_PACKAGE (a path) overrides it, for a package built
 * elsewhere. Read once per run.
 */
public final class ReplicationPackage {
    public static final String RESOURCE = "/lambda/devops-cli-replication.jar";
    public static final String OVERRIDE = "DEVOPS_CLI_REPLICATION_PACKAGE";
    public static final String HANDLER = "io.devopscli.lambda.ReplicationHandler::handleRequest";

    private static volatile FunctionCode loaded;

    private ReplicationPackage() {
    }

    public static FunctionCode get() {
        FunctionCode code = loaded;
        if (code == null) {
            code = load(System.getenv(OVERRIDE));
            loaded = code;
        }
        return code;
    }

    static FunctionCode load(String override) {
        if (override != null && !override.isBlank()) {
            try {
                return FunctionCode.of(Files.readAllBytes(Path.of(override.strip())));
            } catch (IOException e) {
                return FunctionCode.missing(OVERRIDE + "=" + override + " cannot be read: " + e.getMessage());
            }
        }
        try (InputStream in = ReplicationPackage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return FunctionCode.missing("this build of devops-cli carries no replication package; build it with "
                        + "`make build` (which builds lambda/ first)");
            }
            return FunctionCode.of(in.readAllBytes());
        } catch (IOException e) {
            return FunctionCode.missing("reading " + RESOURCE + ": " + e.getMessage());
        }
    }
}

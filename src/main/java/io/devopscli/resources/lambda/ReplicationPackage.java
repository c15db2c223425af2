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
 *
 * Comparing the package with a deployed function needs only its SHA-256: bin/devops-cli passes the one
 * `make build` computed (target/devops-cli.lambda-sha256, used only while newer than the jar) as the
 * system property below, so a run reads and hashes the 14 MB package only to upload it.
 */
public final class ReplicationPackage {
    public static final String RESOURCE = "/lambda/devops-cli-replication.jar";
    public static final String OVERRIDE = "DEVOPS_CLI_REPLICATION_PACKAGE";
    public static final String HANDLER = "io.devopscli.lambda.ReplicationHandler::handleRequest";
    /** The base64 SHA-256 of the package inside the jar, computed when the jar was built. */
    public static final String SHA256_PROPERTY = "devopscli.replication.sha256";

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
        String built = System.getProperty(SHA256_PROPERTY, "").strip();
        java.net.URL resource = ReplicationPackage.class.getResource(RESOURCE);
        if (!built.isEmpty() && resource != null) {
            try {
                long size = resource.openConnection().getContentLengthLong();
                return new FunctionCode(built, size, ReplicationPackage::readResource, null);
            } catch (IOException e) {
                // fall through: read and hash it
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

    /** The package's bytes, read when a function is created or its code updated. */
    private static byte[] readResource() {
        try (InputStream in = ReplicationPackage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no deployment package: " + RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("reading " + RESOURCE, e);
        }
    }
}

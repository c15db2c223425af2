package io.devopscli.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * What --version prints: the tool's version, the git commit it was built from (written into the jar by
 * the build, see devops-cli-version.properties) and the AWS SDK version it talks to AWS with.
 */
final class VersionInfo implements IVersionProvider {
    static final String RESOURCE = "/devops-cli-version.properties";

    @Override
    public String[] getVersion() {
        Properties p = new Properties();
        try (InputStream in = VersionInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // the lines below then say "unknown", which is the truth
        }
        return new String[] {
            "devops-cli " + known(p.getProperty("version")),
            "git commit " + known(p.getProperty("commit")),
            "AWS SDK for Java " + software.amazon.awssdk.core.util.VersionInfo.SDK_VERSION,
            "Java " + System.getProperty("java.version")
        };
    }

    /** An unfiltered placeholder (a build that did not pass the property) is unknown, not "${git.commit}". */
    private static String known(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
    }
}

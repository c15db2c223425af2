package io.devopscli.replication;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * CodeCommit's git-over-HTTPS sign-in without stored git credentials, as git-remote-codecommit does it:
 * user = access key id (plus "%" and the session token), password = "<YYYYMMDDTHHMMSS>Z<signature>", the
 * SigV4 signature (service codecommit) of "GIT\n<path>\n\nhost:<host>\n\nhost\n".
 *
 * <p>One detail differs from request signing: the string to sign carries the timestamp WITHOUT the
 * trailing Z (botocore's string_to_sign uses the context timestamp as is); the Z only appears in the
 * password. CodeCommit verifies exactly that.
 */
public final class CodeCommitGitCredentials implements GitCredentials {
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
    private static final String SERVICE = "codecommit";

    private final AwsCredentialsProvider credentials;
    private final String region;
    private final Clock clock;

    public CodeCommitGitCredentials(AwsCredentialsProvider credentials, String region, Clock clock) {
        this.credentials = credentials;
        this.region = region;
        this.clock = clock;
    }

    @Override
    public Optional<GitLogin> loginFor(URI repositoryUrl) {
        AwsCredentials c = credentials.resolveCredentials();
        String user = c instanceof AwsSessionCredentials s ? c.accessKeyId() + "%" + s.sessionToken() : c.accessKeyId();
        return Optional.of(new GitLogin(user,
                password(c.secretAccessKey(), region, repositoryUrl.getHost(), path(repositoryUrl), clock.instant())));
    }

    /** The signed password for the repository at host and path, at the given instant. */
    public static String password(String secretKey, String region, String host, String path, Instant at) {
        String dateTime = DATE_TIME.format(at);
        String date = dateTime.substring(0, 8);
        String scope = date + "/" + region + "/" + SERVICE + "/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + dateTime + "\n" + scope + "\n" + sha256Hex(canonicalRequest(host, path));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, SERVICE);
        key = hmac(key, "aws4_request");
        return dateTime + "Z" + HexFormat.of().formatHex(hmac(key, stringToSign));
    }

    public static String canonicalRequest(String host, String path) {
        return "GIT\n" + path + "\n\nhost:" + host + "\n\nhost\n";
    }

    /** The repository path as signed: no trailing slash (https://host/v1/repos/name). */
    static String path(URI url) {
        String path = url.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}

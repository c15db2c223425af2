package io.devopscli.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.auth.aws.internal.signer.CredentialScope;
import software.amazon.awssdk.http.auth.aws.internal.signer.util.SignerUtils;

/**
 * The CodeCommit git password checked two independent ways on fixed inputs: against the AWS SDK's own
 * SigV4 primitives, and against vectors produced by botocore exactly as git-remote-codecommit does it.
 */
class CodeCommitGitCredentialsTest {
    private static final String KEY = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant AT = Instant.parse("2024-03-15T12:34:56Z");

    /**
     * The SDK cannot sign the request end to end (its methods have no GIT verb, and its canonical request
     * always carries x-amz-date and a payload hash), so the comparison uses its SigV4 building blocks on
     * the same canonical request: the SDK hashes it, builds the scope and the signing key and computes the
     * signature; only the string-to-sign layout (timestamp without Z, as botocore does) is ours, and the
     * botocore vectors below pin that part.
     */
    @ParameterizedTest
    @CsvSource({
            "us-east-1, logicworks-devops-repo, 2024-03-15T12:34:56Z",
            "us-east-2, logicworks-devops-repo, 2025-12-31T23:59:59Z",
            "eu-west-2, my-repo, 2020-02-29T00:00:00Z",
            "ap-southeast-2, a.b_c-d, 2031-07-04T08:09:10Z"})
    void matchesTheSdkSigV4Signer(String region, String repo, String time) {
        Instant at = Instant.parse(time);
        String host = "git-codecommit." + region + ".amazonaws.com";
        String path = "/v1/repos/" + repo;

        CredentialScope scope = new CredentialScope(region, "codecommit", at);
        String dateTime = scope.getDatetime().substring(0, 15); // the SDK's is "...T...Z"; the git scheme signs without Z
        String stringToSign = "AWS4-HMAC-SHA256\n" + dateTime + "\n" + scope.scope() + "\n"
                + SignerUtils.hashCanonicalRequest(CodeCommitGitCredentials.canonicalRequest(host, path));
        byte[] key = SignerUtils.deriveSigningKey(AwsBasicCredentials.create(KEY, SECRET), scope);
        String sdk = dateTime + "Z" + HexFormat.of().formatHex(SignerUtils.computeSignature(stringToSign, key));

        assertEquals(sdk, CodeCommitGitCredentials.password(SECRET, region, host, path, at));
    }

    /** Produced with botocore 1.44.8's SigV4Auth.string_to_sign/signature as git-remote-codecommit calls them. */
    @ParameterizedTest
    @CsvSource({
            "us-east-1, logicworks-devops-repo, 20240315T123456Z4f872d21733690fff9253d46c17367ba5b638def86cc917f9743f6bc3e44b181",
            "eu-west-2, my-repo, 20240315T123456Z2262bd5432d242a006286c5c966dbfadbb85f59968237f2ac646902666768a4a"})
    void matchesGitRemoteCodecommit(String region, String repo, String expected) {
        assertEquals(expected, CodeCommitGitCredentials.password(SECRET, region,
                "git-codecommit." + region + ".amazonaws.com", "/v1/repos/" + repo, AT));
    }

    @Test
    void theCanonicalRequestIsTheDocumentedOne() {
        assertEquals("GIT\n/v1/repos/r\n\nhost:git-codecommit.us-east-1.amazonaws.com\n\nhost\n",
                CodeCommitGitCredentials.canonicalRequest("git-codecommit.us-east-1.amazonaws.com", "/v1/repos/r"));
    }

    @Test
    void loginSignsTheCloneUrlAtTheClockTimeAndCarriesTheSessionToken() {
        URI url = URI.create("https://git-codecommit.us-east-1.amazonaws.com/v1/repos/logicworks-devops-repo/");
        Clock clock = Clock.fixed(AT, ZoneOffset.UTC);

        GitLogin plain = new CodeCommitGitCredentials(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(KEY, SECRET)), "us-east-1", clock).loginFor(url).orElseThrow();
        assertEquals(KEY, plain.user());
        assertEquals("20240315T123456Z4f872d21733690fff9253d46c17367ba5b638def86cc917f9743f6bc3e44b181", plain.password());

        GitLogin session = new CodeCommitGitCredentials(StaticCredentialsProvider.create(
                AwsSessionCredentials.create(KEY, SECRET, "TOKEN/with+slash=")), "us-east-1", clock).loginFor(url).orElseThrow();
        assertEquals(KEY + "%TOKEN/with+slash=", session.user());
        assertEquals(plain.password(), session.password(), "the token is not part of the signature");
    }
}

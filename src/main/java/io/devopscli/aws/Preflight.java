package io.devopscli.aws;

import java.net.URI;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * One cheap read (STS GetCallerIdentity) before a run's first real call, so that what no retry can fix
 * (nothing listening, a name that does not resolve, TLS, missing or rejected credentials, an unknown
 * profile, something that is not AWS at the endpoint) ends the run within seconds with one line that
 * names the cause and what to do, instead of every resource failing, or being retried, on its own.
 * Transient answers (throttling, 5xx) do not stop the run: its calls retry them.
 */
public final class Preflight {
    /** Codes AWS answers with when the credentials are there but not accepted. */
    private static final Set<String> REJECTED = Set.of("InvalidClientTokenId", "SignatureDoesNotMatch",
            "UnrecognizedClientException", "AuthFailure", "ExpiredToken", "ExpiredTokenException",
            "InvalidAccessKeyId", "InvalidSignatureException", "AccessDenied", "AccessDeniedException");

    private Preflight() {
    }

    /** Throws an AwsFailure whose message is the one line to print; returns when AWS answered. */
    public static void check(AwsClients clients) {
        ClientSettings settings = clients.settings();
        String where = settings.endpoint().map(URI::toString).orElse("AWS (STS in " + clients.region() + ")");
        settings.profile().ifPresent(Preflight::requireProfile);
        try (var sts = clients.singleAttemptSts()) {
            // the answer names the account: every region's clients use it instead of asking STS again
            clients.runReads().learnedAccount(sts.getCallerIdentity().account());
        } catch (SdkClientException e) {
            String problem = AwsErrors.clientProblem(e).orElse(null);
            if (problem == null) {
                return; // transient: the run's own calls retry it
            }
            throw fail(describe(problem, where, settings));
        } catch (AwsServiceException e) {
            String code = AwsErrors.code(e);
            if (REJECTED.contains(code)) {
                throw fail("AWS rejected the credentials" + settings.profile().map(p -> " of profile '" + p + "'").orElse("")
                        + ": " + AwsErrors.reason(e) + "; check them with `aws sts get-caller-identity`");
            }
            // AWS and emulators answer errors with a code; a bare 404 or 501 is some other web server
            // (503 stays transient: proxies and load balancers answer it while AWS recovers)
            if (e.statusCode() >= 400 && e.statusCode() != 503 && (code.isEmpty() || e.statusCode() == 404)) {
                throw fail(where + " answered HTTP " + e.statusCode() + " to STS GetCallerIdentity: it does not look like "
                        + "an AWS endpoint or emulator; check --endpoint-url (moto and LocalStack answer at their root URL)");
            }
            // throttling, 5xx and the like: the run's calls retry them
        }
    }

    private static String describe(String problem, String where, ClientSettings settings) {
        if (problem.startsWith("no AWS credentials")) {
            return "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, "
                    + "or pass --profile (see `aws configure`)" + (settings.endpoint().isPresent() ? ""
                    : "; for the local emulator, pass --endpoint-url http://127.0.0.1:4566 (`make demo` starts it)");
        }
        if (problem.startsWith("the profile")) {
            return problem;
        }
        String hint = problem.equals("connection refused") && settings.endpoint().isPresent()
                ? "; is the emulator running? `make demo` starts one on http://127.0.0.1:4566"
                : problem.startsWith("unknown host") ? "; check --endpoint-url, AWS_ENDPOINT_URL and the network"
                : problem.startsWith("TLS") ? "; does the endpoint speak https (an emulator usually wants http://)?"
                : "";
        return "cannot reach " + where + ": " + problem + hint;
    }

    /** An unknown profile is named before any call, with where profiles are read from. */
    private static void requireProfile(String profile) {
        ProfileFile files = ProfileFile.defaultProfileFile();
        if (files.profile(profile).isEmpty()) {
            throw fail("unknown profile '" + profile + "': not in ~/.aws/config or ~/.aws/credentials (known: "
                    + (files.profiles().isEmpty() ? "none" : String.join(", ", files.profiles().keySet())) + ")");
        }
    }

    private static AwsFailure fail(String message) {
        return new AwsFailure(AwsErrors.Kind.TERMINAL, "Preflight", message, null);
    }
}

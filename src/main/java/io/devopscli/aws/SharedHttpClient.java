package io.devopscli.aws;

import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The one HTTP client every service client of the process sends through. A service client given an HTTP
 * client builder makes an HTTP client of its own, and each UrlConnectionHttpClient builds an SSLContext
 * (loading and parsing the JDK's trust store) even for a plain http:// endpoint: with about 70 service
 * clients per three-region run that was a tenth of a converged run's CPU. Sharing is safe: the client
 * holds no connections (the JDK's HttpURLConnection pools them process-wide whoever asks), its
 * settings are the SDK's global defaults that every per-client one got too (no service we use sets HTTP
 * defaults of its own), and its close() does nothing, so it is never closed; a service client given an
 * HTTP client never closes it either.
 */
final class SharedHttpClient {
    private SharedHttpClient() {
    }

    /** Built on first use: a run that makes no AWS call (--help, validate) never loads it. */
    static SdkHttpClient get() {
        return Holder.CLIENT;
    }

    private static final class Holder {
        static final SdkHttpClient CLIENT = UrlConnectionHttpClient.builder().build();
    }
}

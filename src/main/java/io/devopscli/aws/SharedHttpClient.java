package io.devopscli.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.time.Duration;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The one HTTP client every service client of the process sends through. A service client given an HTTP
 * client builder makes an HTTP client of its own, and each UrlConnectionHttpClient builds an SSLContext
 * (loading the TLS provider and parsing the JDK's trust store): with about 60 service clients per
 * three-region run that was a tenth of a converged run's CPU. Sharing is safe: the client holds no
 * connections (the JDK's HttpURLConnection pools them process-wide whoever asks), its settings are the
 * SDK's global defaults that every per-client one got too (no service we use sets HTTP defaults of its
 * own), and its close() does nothing, so it is never closed; a service client given an HTTP client never
 * closes it either.
 *
 * <p>TLS is set up on the first https request, not before: a plain http:// endpoint (an emulator) needs
 * no SSLContext, and building one costs about 0.1 s of CPU at the start of every run. Plain requests open
 * their connection as the SDK's client does when no proxy is set (the same URL connection, the same
 * connect and read timeouts); when a proxy is configured (system properties or environment, as the SDK
 * reads them) every request takes the SDK's own client, so proxying behaves as it always did.
 */
final class SharedHttpClient implements SdkHttpClient {
    private static final SharedHttpClient INSTANCE = new SharedHttpClient();

    private volatile SdkHttpClient tls;
    private volatile SdkHttpClient plain;

    private SharedHttpClient() {
    }

    /** The process's client; nothing is built until the first request. */
    static SdkHttpClient get() {
        return INSTANCE;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        boolean https = "https".equalsIgnoreCase(request.httpRequest().protocol());
        return (https ? tls() : plain()).prepareRequest(request);
    }

    /** The SDK's own client with its defaults: TLS, proxies, everything. */
    private SdkHttpClient tls() {
        SdkHttpClient client = tls;
        if (client == null) {
            synchronized (this) {
                if (tls == null) {
                    tls = UrlConnectionHttpClient.builder().build();
                }
                client = tls;
            }
        }
        return client;
    }

    /** For http:// requests: without an SSLContext, unless a proxy is configured (then the SDK's own). */
    private SdkHttpClient plain() {
        SdkHttpClient client = plain;
        if (client == null) {
            synchronized (this) {
                if (plain == null) {
                    plain = ProxyConfiguration.builder().build().host() != null ? tls()
                            : UrlConnectionHttpClient.create(uri -> open(uri));
                }
                client = plain;
            }
        }
        return client;
    }

    /** What the SDK's client does for a plain request without a proxy: its default timeouts included. */
    private static HttpURLConnection open(java.net.URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(millis(SdkHttpConfigurationOption.CONNECTION_TIMEOUT));
            connection.setReadTimeout(millis(SdkHttpConfigurationOption.READ_TIMEOUT));
            return connection;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int millis(SdkHttpConfigurationOption<Duration> option) {
        return (int) Math.min(Integer.MAX_VALUE, SdkHttpConfigurationOption.GLOBAL_HTTP_DEFAULTS.get(option).toMillis());
    }

    @Override
    public String clientName() {
        return "UrlConnection";
    }

    /** Nothing to close: see the class comment. */
    @Override
    public void close() {
    }
}

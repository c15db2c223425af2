package io.devopscli.aws;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * How to reach AWS for one session: an optional endpoint override (an emulator), an optional named
 * profile, the counter every client reports its calls to, what the endpoint cannot do (decided once, here,
 * from the override), the session's retry settings for AwsCall and the HTTP client every service client
 * sends through (SharedHttpClient; given lazily, so a run that makes no call never builds it).
 */
public record ClientSettings(Optional<URI> endpoint, Optional<String> profile, CallCounter counter,
                             java.util.List<software.amazon.awssdk.core.interceptor.ExecutionInterceptor> interceptors,
                             EndpointCapabilities capabilities, CallSettings calls,
                             java.util.function.Supplier<software.amazon.awssdk.http.SdkHttpClient> http) {

    public ClientSettings {
        interceptors = java.util.List.copyOf(interceptors);
        java.util.Objects.requireNonNull(capabilities, "capabilities");
        java.util.Objects.requireNonNull(calls, "calls");
        java.util.Objects.requireNonNull(http, "http");
    }

    /** The endpoint's capabilities follow from the override; the retry settings are the thread's (CallSettings). */
    public ClientSettings(Optional<URI> endpoint, Optional<String> profile, CallCounter counter) {
        this(endpoint, profile, counter, java.util.List.of(), EndpointCapabilities.of(endpoint), CallSettings.current(),
                SharedHttpClient::get);
    }

    /** The same settings with more interceptors (tests: one that drops a field from answers). */
    public ClientSettings withInterceptor(software.amazon.awssdk.core.interceptor.ExecutionInterceptor interceptor) {
        java.util.List<software.amazon.awssdk.core.interceptor.ExecutionInterceptor> all = new java.util.ArrayList<>(interceptors);
        all.add(interceptor);
        return new ClientSettings(endpoint, profile, counter, all, capabilities, calls, http);
    }

    /** The same settings with other retry settings. */
    public ClientSettings withCalls(CallSettings other) {
        return new ClientSettings(endpoint, profile, counter, interceptors, capabilities, other, http);
    }

    /** The same settings with other capabilities (tests: one gap flipped). */
    public ClientSettings withCapabilities(EndpointCapabilities other) {
        return new ClientSettings(endpoint, profile, counter, interceptors, other, calls, http);
    }

    /** The same settings sending through another HTTP client (tests: one that records what it is sent). */
    public ClientSettings withHttpClient(software.amazon.awssdk.http.SdkHttpClient other) {
        java.util.Objects.requireNonNull(other, "other");
        return new ClientSettings(endpoint, profile, counter, interceptors, capabilities, calls, () -> other);
    }

    /**
     * --endpoint-url wins, then AWS_ENDPOINT_URL, then none (real AWS).
     *
     * @throws IllegalArgumentException when the endpoint is not an http(s) URL with a host; no call is made
     */
    public static ClientSettings resolve(String endpointOption, String profileOption) {
        String endpoint = endpointOption;
        String source = "--endpoint-url";
        if (endpoint == null || endpoint.isBlank()) {
            endpoint = System.getenv("AWS_ENDPOINT_URL");
            source = "AWS_ENDPOINT_URL";
        }
        Optional<URI> uri = endpoint == null || endpoint.isBlank() ? Optional.empty() : Optional.of(parse(source, endpoint.trim()));
        return new ClientSettings(uri, Optional.ofNullable(profileOption).filter(p -> !p.isBlank()), new CallCounter());
    }

    static URI parse(String source, String endpoint) {
        String example = " (for example http://127.0.0.1:4566)";
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(source + " " + endpoint + " is not a URL: " + e.getReason() + example);
        }
        // "localhost:4566" parses as scheme "localhost": the common mistake is a missing http://
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalArgumentException(source + " " + endpoint + " needs http:// or https://" + example);
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException(source + " " + endpoint + " has no host name" + example);
        }
        return uri;
    }
}

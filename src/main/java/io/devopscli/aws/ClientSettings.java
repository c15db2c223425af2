package io.devopscli.aws;

import java.net.URI;
import java.util.Optional;

/**
 * How to reach AWS: an optional endpoint override (an emulator), an optional named profile, and the
 * counter every client reports its calls to.
 */
public record ClientSettings(Optional<URI> endpoint, Optional<String> profile, CallCounter counter,
                             java.util.List<software.amazon.awssdk.core.interceptor.ExecutionInterceptor> interceptors) {

    public ClientSettings {
        interceptors = java.util.List.copyOf(interceptors);
    }

    public ClientSettings(Optional<URI> endpoint, Optional<String> profile, CallCounter counter) {
        this(endpoint, profile, counter, java.util.List.of());
    }

    /** The same settings with more interceptors (tests: one that drops a field from answers). */
    public ClientSettings withInterceptor(software.amazon.awssdk.core.interceptor.ExecutionInterceptor interceptor) {
        java.util.List<software.amazon.awssdk.core.interceptor.ExecutionInterceptor> all = new java.util.ArrayList<>(interceptors);
        all.add(interceptor);
        return new ClientSettings(endpoint, profile, counter, all);
    }

    /** --endpoint-url wins, then AWS_ENDPOINT_URL, then none (real AWS). */
    public static ClientSettings resolve(String endpointOption, String profileOption) {
        String endpoint = endpointOption;
        if (endpoint == null || endpoint.isBlank()) {
            endpoint = System.getenv("AWS_ENDPOINT_URL");
        }
        Optional<URI> uri = endpoint == null || endpoint.isBlank() ? Optional.empty() : Optional.of(URI.create(endpoint));
        return new ClientSettings(uri, Optional.ofNullable(profileOption).filter(p -> !p.isBlank()), new CallCounter());
    }
}

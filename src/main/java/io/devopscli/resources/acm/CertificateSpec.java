package io.devopscli.resources.acm;

import io.devopscli.resources.ResourceTraits;
import java.util.List;

/**
 * A public ACM certificate for domain and alternativeNames, validated through DNS. name is its Name tag,
 * by which (with the ownership tag) it is found. The names are immutable: a change requests a new one.
 */
public record CertificateSpec(String name, String domain, List<String> alternativeNames) implements ResourceTraits {
    /** Issued after DNS validation: typically a few minutes on AWS (up to 30). */
    public static final double SECONDS_TO_ISSUED = 180;

    @Override
    public double secondsToCreateOnAws() {
        return SECONDS_TO_ISSUED;
    }

    public CertificateSpec {
        alternativeNames = List.copyOf(alternativeNames);
    }

    /** Every name the certificate covers, the domain first. */
    public List<String> names() {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(List.of(domain));
        alternativeNames.stream().filter(n -> !n.equals(domain)).forEach(all::add);
        return List.copyOf(all);
    }
}

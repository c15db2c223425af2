package io.devopscli.topology;

/** Route 53 failover: the hosted zone and the domain that points at the active region. */
public record FailoverSpec(String hostedZone, String domain) {
    /** With a zone and a domain, the app is served over HTTPS with a certificate validated in that zone. */
    public boolean https() {
        return hostedZone != null && domain != null;
    }
}

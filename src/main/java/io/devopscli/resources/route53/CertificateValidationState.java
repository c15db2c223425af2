package io.devopscli.resources.route53;

import io.devopscli.resources.acm.CertificateState;
import java.util.List;
import java.util.Map;

/**
 * The zone's records for a certificate's validation names as observed: present maps a record name (with
 * its final dot, lower case) to its value, only for the names the certificate asks for. wanted are the
 * records the certificate asks for; certificateStatus is its status then.
 */
public record CertificateValidationState(String zoneId, String certificateArn,
                                         List<CertificateState.ValidationRecord> wanted, Map<String, String> present,
                                         String certificateStatus) {
    public CertificateValidationState {
        wanted = List.copyOf(wanted);
        present = Map.copyOf(present);
    }
}

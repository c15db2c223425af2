package io.devopscli.resources.acm;

import java.util.List;

/**
 * An owned certificate as observed: its names, status (PENDING_VALIDATION, ISSUED, FAILED ...) and the
 * CNAME records ACM asks for, one per name (ACM may give the same record for several names).
 */
public record CertificateState(String arn, List<String> names, String status, List<ValidationRecord> records) {
    public CertificateState {
        names = List.copyOf(names);
        records = List.copyOf(records);
    }

    /** A DNS record ACM checks to validate a name: a CNAME from name to value. */
    public record ValidationRecord(String name, String type, String value) {}

    public boolean issued() {
        return "ISSUED".equals(status);
    }
}

package io.devopscli.resources.route53;

import io.devopscli.engine.ResourceKey;

/**
 * The DNS records that validate a certificate (acm/certificate node) in the public hosted zone
 * zoneName, and the wait until ACM has issued it. The zone may be made by another region's graph in the
 * same run (the primary's), so it is found by name, waiting for it on create.
 */
public record CertificateValidationSpec(ResourceKey certificate, String zoneName) {}

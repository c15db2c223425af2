package io.devopscli.resources.acm;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.Tags;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.WaitFor;
import io.devopscli.engine.Waiter;
import io.devopscli.resources.IdempotencyTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.Tag;
import software.amazon.awssdk.services.acm.model.ValidationMethod;

/**
 * A DNS-validated public certificate, found among the region's certificates for the domain by our
 * ownership and Name tags. Publishes its ARN. Creating it requests the certificate and waits only until
 * ACM names the validation records (seconds); waiting for issuance is the validation node's job, once
 * the records are in the zone. The names cannot change: a different set requests a new certificate.
 */
public final class CertificateReconciler implements Reconciler<CertificateSpec, CertificateState> {
    private final Waiter recordsWaiter;

    public CertificateReconciler() {
        this(new Waiter(Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofSeconds(5)));
    }

    public CertificateReconciler(Waiter recordsWaiter) {
        this.recordsWaiter = recordsWaiter;
    }

    @Override
    public Optional<CertificateState> observe(CertificateSpec spec, RegionContext ctx) {
        AcmClient acm = acm(ctx);
        return owned(acm, spec, ctx.project()).map(arn -> state(describe(acm, arn)));
    }

    @Override
    public List<FieldChange> diff(CertificateSpec spec, CertificateState actual) {
        return new Diffs()
                .immutable("names", spec.names().stream().sorted().toList(), actual.names().stream().sorted().toList())
                .toList();
    }

    @Override
    public CertificateState create(CertificateSpec spec, RegionContext ctx) {
        AcmClient acm = acm(ctx);
        Optional<String> existing = owned(acm, spec, ctx.project());
        String arn = existing.orElseGet(() -> AwsCall.call(() -> acm.requestCertificate(r -> r
                .domainName(spec.domain())
                .subjectAlternativeNames(spec.names())
                .validationMethod(ValidationMethod.DNS)
                // ACM keeps a token for an hour: a retried request within it returns the same certificate
                .idempotencyToken(IdempotencyTokens.of("acm", ctx.project(), ctx.region(), String.join(",", spec.names())))
                .tags(tags(ctx.project(), spec.name())))).certificateArn());
        ctx.progress().info("certificate for " + String.join(", ", spec.names()) + ": waiting for ACM's validation records");
        return WaitFor.matching("acm certificate " + spec.domain() + " validation records", () -> Optional.of(state(describe(acm, arn))),
                s -> s.records().size() >= 1 && allNamesHaveRecords(acm, arn)).within(recordsWaiter).run(ctx.progress());
    }

    /** ACM refuses while a listener still uses it (ResourceInUseException, retried until the listener is gone). */
    @Override
    public void delete(CertificateState actual, RegionContext ctx) {
        AwsCall.ignoringNotFound(() -> acm(ctx).deleteCertificate(r -> r.certificateArn(actual.arn())));
    }

    @Override
    public String id(CertificateState actual) {
        return actual.arn();
    }

    /** Our certificate for the domain: ListCertificates cannot filter by tag, so tags are read per candidate. */
    private static Optional<String> owned(AcmClient acm, CertificateSpec spec, String project) {
        List<String> candidates = AwsCall.call(() -> acm.listCertificatesPaginator(r -> r.build())
                .certificateSummaryList().stream()
                .filter(c -> spec.domain().equals(c.domainName()))
                .map(CertificateSummary::certificateArn).toList());
        for (String arn : candidates) {
            Map<String, String> tags = AwsCall.orEmpty(() -> acm.listTagsForCertificate(r -> r.certificateArn(arn)).tags())
                    .orElse(List.of()).stream().collect(Collectors.toMap(Tag::key, t -> t.value() == null ? "" : t.value(),
                            (a, b) -> b));
            if (project.equals(tags.get(Tags.OWNER_KEY)) && spec.name().equals(tags.get(Tags.NAME_KEY))) {
                return Optional.of(arn);
            }
        }
        return Optional.empty();
    }

    private static boolean allNamesHaveRecords(AcmClient acm, String arn) {
        return describe(acm, arn).domainValidationOptions().stream().allMatch(d -> d.resourceRecord() != null);
    }

    static CertificateDetail describe(AcmClient acm, String arn) {
        return AwsCall.call(() -> acm.describeCertificate(r -> r.certificateArn(arn))).certificate();
    }

    static CertificateState state(CertificateDetail c) {
        // the domain first, then the other names, whatever order ACM lists its alternative names in
        List<String> names = new ArrayList<>(List.of(c.domainName()));
        c.subjectAlternativeNames().stream().filter(n -> !n.equals(c.domainName())).forEach(names::add);
        List<CertificateState.ValidationRecord> records = c.domainValidationOptions().stream()
                .map(DomainValidation::resourceRecord).filter(java.util.Objects::nonNull)
                .map(r -> new CertificateState.ValidationRecord(r.name(), r.typeAsString(), r.value()))
                .distinct().toList();
        return new CertificateState(c.certificateArn(), names, c.statusAsString(), records);
    }

    private static List<Tag> tags(String project, String name) {
        return Tags.owned(project, name).entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static AcmClient acm(RegionContext ctx) {
        return ctx.services(AwsClients.class).acm();
    }
}

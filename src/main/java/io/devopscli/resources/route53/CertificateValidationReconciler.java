package io.devopscli.resources.route53;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import io.devopscli.engine.WaitFor;
import io.devopscli.engine.Waiter;
import io.devopscli.resources.acm.CertificateState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The CNAME records ACM checks, in the hosted zone, and the wait until the certificate is issued. Route 53
 * records carry no tags: these are ours because their names and values are the ones our own certificate
 * (found by its ownership tag) asks for, which nobody else's certificate can. down removes exactly those
 * records, with the values observed. Publishes the certificate's ARN once it is issued, so the HTTPS
 * listener that depends on this node is only created with an issued certificate.
 */
public final class CertificateValidationReconciler implements Reconciler<CertificateValidationSpec, CertificateValidationState>,
        Updatable<CertificateValidationSpec, CertificateValidationState> {
    private static final long TTL = 300;
    private final Waiter zoneWaiter;
    private final Waiter issueWaiter;
    private final ChangeSync sync;

    public CertificateValidationReconciler() {
        // the primary's graph creates the zone in the same run; ACM usually issues within minutes of the
        // records resolving, and AWS documents up to several hours in the worst case
        this(Waiter.upTo(Duration.ofMinutes(10)), new Waiter(Duration.ofMinutes(45), Duration.ofSeconds(2),
                Duration.ofSeconds(30)), ChangeSync.standard());
    }

    public CertificateValidationReconciler(Waiter zoneWaiter, Waiter issueWaiter, ChangeSync sync) {
        this.zoneWaiter = zoneWaiter;
        this.issueWaiter = issueWaiter;
        this.sync = sync;
    }

    @Override
    public Optional<CertificateValidationState> observe(CertificateValidationSpec spec, RegionContext ctx) {
        Optional<CertificateState> certificate = ctx.actualOf(spec.certificate(), CertificateState.class);
        if (certificate.isEmpty()) {
            return Optional.empty(); // no certificate yet: its records are made after it
        }
        Route53Client r53 = r53(ctx);
        // from the plan's one read of the zone's records (ZoneRecords), else a lookup per name
        return HostedZoneLookup.observed(ctx, spec.zoneName())
                .map(zone -> ZoneRecords.observed(ctx, zone.id()).map(records -> readIn(records, zone.id(), certificate.get()))
                        .orElseGet(() -> read(r53, zone.id(), certificate.get())));
    }

    @Override
    public List<FieldChange> diff(CertificateValidationSpec spec, CertificateValidationState actual) {
        Map<String, String> wanted = new LinkedHashMap<>();
        actual.wanted().forEach(r -> wanted.put(fqdn(r.name()), r.value()));
        return new Diffs()
                .field("validationRecords", render(wanted), render(actual.present()))
                .field("certificateStatus", "ISSUED", actual.certificateStatus())
                .toList();
    }

    @Override
    public CertificateValidationState create(CertificateValidationSpec spec, RegionContext ctx) {
        Route53Client r53 = r53(ctx);
        String zoneId = WaitFor.visible("hosted zone " + spec.zoneName() + " for the certificate's validation records",
                () -> HostedZoneLookup.find(r53, spec.zoneName(), ctx.project()).map(HostedZoneLookup.Found::id))
                .within(zoneWaiter).run(ctx.progress());
        return validate(spec, zoneId, ctx);
    }

    @Override
    public CertificateValidationState update(CertificateValidationSpec spec, CertificateValidationState actual,
                                             List<FieldChange> changes, RegionContext ctx) {
        return validate(spec, actual.zoneId(), ctx);
    }

    @Override
    public void delete(CertificateValidationState actual, RegionContext ctx) {
        List<Change> changes = new ArrayList<>();
        actual.present().forEach((name, value) -> changes.add(change(ChangeAction.DELETE, name, value)));
        if (changes.isEmpty()) {
            return;
        }
        Route53Client r53 = r53(ctx);
        Route53Calls.ignoringNotFound(() -> r53.changeResourceRecordSets(r -> r.hostedZoneId(actual.zoneId())
                .changeBatch(b -> b.comment("devops-cli: certificate validation records removed").changes(changes))));
    }

    @Override
    public String id(CertificateValidationState actual) {
        return actual.certificateArn();
    }

    /**
     * Upserts the records that are missing or differ (read from the zone whole: one call, not one per name),
     * then waits for ACM to issue the certificate.
     */
    private CertificateValidationState validate(CertificateValidationSpec spec, String zoneId, RegionContext ctx) {
        Route53Client r53 = r53(ctx);
        CertificateState certificate = ctx.actualOf(spec.certificate(), CertificateState.class)
                .orElseThrow(() -> new IllegalStateException(spec.certificate() + " has no state yet"));
        CertificateValidationState now = ZoneRecords.read(r53, zoneId).map(zone -> readIn(zone, zoneId, certificate))
                .orElseGet(() -> read(r53, zoneId, certificate));
        List<Change> changes = new ArrayList<>();
        Map<String, String> present = new LinkedHashMap<>(now.present());
        for (CertificateState.ValidationRecord r : certificate.records()) {
            if (!r.value().equals(now.present().get(fqdn(r.name())))) {
                changes.add(change(ChangeAction.UPSERT, fqdn(r.name()), r.value()));
                present.put(fqdn(r.name()), r.value());
            }
        }
        if (!changes.isEmpty()) {
            ChangeInfo info = AwsCall.call(() -> r53.changeResourceRecordSets(r -> r.hostedZoneId(zoneId)
                    .changeBatch(b -> b.comment("devops-cli: validation of " + certificate.arn()).changes(changes))))
                    .changeInfo();
            sync.await(r53, info, "certificate validation records", ctx.progress());
        }
        AcmClient acm = ctx.services(AwsClients.class).acm();
        String names = String.join(", ", certificate.names());
        String status = issueWaiter.until("certificate for " + names + " being issued by ACM", ctx.progress(), () -> {
            String s = AwsCall.call(() -> acm.describeCertificate(r -> r.certificateArn(certificate.arn())))
                    .certificate().statusAsString();
            if ("FAILED".equals(s) || "VALIDATION_TIMED_OUT".equals(s) || "REVOKED".equals(s)) {
                throw new IllegalStateException("acm certificate for " + names + " is " + s
                        + ": check that the zone " + spec.zoneName() + " is the one the domain's registrar delegates to");
            }
            return "ISSUED".equals(s) ? Optional.of(s) : Optional.empty();
        });
        ctx.progress().info("certificate for " + names + " issued");
        // the batch went through whole: the records are what it wrote, nothing to read back
        return new CertificateValidationState(zoneId, certificate.arn(), certificate.records(), present, status);
    }

    /** The zone's CNAMEs at the certificate's validation names, one lookup per name. */
    private static CertificateValidationState read(Route53Client r53, String zoneId, CertificateState certificate) {
        return validation(zoneId, certificate, name -> AwsCall.call(() -> r53.listResourceRecordSets(q -> q.hostedZoneId(zoneId)
                .startRecordName(name).startRecordType(RRType.CNAME).maxItems("1"))).resourceRecordSets());
    }

    /** The same, out of the zone's records read whole. */
    private static CertificateValidationState readIn(List<ResourceRecordSet> zone, String zoneId, CertificateState certificate) {
        return validation(zoneId, certificate, name -> zone);
    }

    private static CertificateValidationState validation(String zoneId, CertificateState certificate,
                                                         java.util.function.Function<String, List<ResourceRecordSet>> at) {
        Map<String, String> present = new LinkedHashMap<>();
        for (CertificateState.ValidationRecord r : certificate.records()) {
            String name = fqdn(r.name());
            at.apply(name).stream().filter(s -> fqdn(s.name()).equals(name) && s.type() == RRType.CNAME)
                    .filter(s -> !s.resourceRecords().isEmpty())
                    .findFirst().ifPresent(s -> present.put(name, s.resourceRecords().get(0).value()));
        }
        return new CertificateValidationState(zoneId, certificate.arn(), certificate.records(), present,
                certificate.status());
    }

    private static Change change(ChangeAction action, String name, String value) {
        return Change.builder().action(action).resourceRecordSet(s -> s.name(name).type(RRType.CNAME).ttl(TTL)
                .resourceRecords(v -> v.value(value))).build();
    }

    private static String render(Map<String, String> records) {
        List<String> lines = new ArrayList<>();
        new java.util.TreeMap<>(records).forEach((k, v) -> lines.add(k + " CNAME " + v));
        return String.join("; ", lines);
    }

    static String fqdn(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n : n + ".";
    }

    private static Route53Client r53(RegionContext ctx) {
        return ctx.services(AwsClients.class).route53();
    }
}

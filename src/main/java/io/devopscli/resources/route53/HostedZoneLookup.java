package io.devopscli.resources.route53;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.Tags;
import io.devopscli.engine.RegionContext;
import io.devopscli.resources.GlobalReads;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.TagResourceType;

/**
 * Finds the public hosted zone of a name. The zone may be the project's (tagged with its ownership tag,
 * created by this tool) or someone else's (bought with the domain, shared by several projects): both
 * are used for the failover records. Route 53 allows several public zones of one name; ours wins, and
 * several that are not ours are ambiguous, so the lookup refuses to guess.
 */
public final class HostedZoneLookup {
    private HostedZoneLookup() {
    }

    /**
     * A public zone of the name. owned: it carries our ownership tag, or our caller reference (created
     * by a run that stopped before it could tag it: CreateHostedZone takes no tags); tagged tells which.
     */
    public record Found(String id, String name, boolean owned, boolean tagged, String comment) {}

    public static Optional<Found> find(Route53Client r53, String zoneName, String project) {
        List<Found> zones = publicZones(r53, zoneName, project);
        Optional<Found> ours = zones.stream().filter(Found::owned).findFirst();
        if (ours.isPresent() || zones.size() <= 1) {
            return ours.or(() -> zones.stream().findFirst());
        }
        throw new IllegalStateException(zones.size() + " public hosted zones are named " + zoneName + " ("
                + String.join(", ", zones.stream().map(Found::id).toList()) + ") and none is tagged "
                + Tags.OWNER_KEY + "=" + project + ": delete the extra ones, or tag the one to use");
    }

    /**
     * find() for observe: once per plan for every region (see GlobalReads), since the zone, the
     * certificate validations of every region and the failover records all look for the same zone.
     */
    public static Optional<Found> observed(RegionContext ctx, String zoneName) {
        return GlobalReads.memo(ctx, "route53/zone/" + Route53Calls.dnsKey(zoneName),
                () -> find(ctx.services(AwsClients.class).route53(), zoneName, ctx.project()));
    }

    /** What this tool passes to CreateHostedZone; unique per create, since AWS never accepts one twice. */
    static String callerReference(String project) {
        return project + "-zone-" + System.currentTimeMillis();
    }

    static boolean isOurCallerReference(String callerReference, String project) {
        return callerReference != null
                && Pattern.matches(Pattern.quote(project + "-zone-") + "\\d+", callerReference);
    }

    /** Every public zone of exactly this name, with its tags read in one batch. */
    static List<Found> publicZones(Route53Client r53, String zoneName, String project) {
        String key = Route53Calls.dnsKey(zoneName);
        List<HostedZone> named = AwsCall.call(() -> r53.listHostedZonesByName(r -> r.dnsName(key + ".").maxItems("100")))
                .hostedZones().stream()
                .filter(z -> Route53Calls.dnsKey(z.name()).equals(key))
                .filter(z -> z.config() == null || !Boolean.TRUE.equals(z.config().privateZone()))
                .toList();
        Map<String, Map<String, String>> tags = Route53Calls.tags(r53, TagResourceType.HOSTEDZONE,
                named.stream().map(z -> Route53Calls.bareZoneId(z.id())).toList());
        return named.stream().map(z -> {
            String id = Route53Calls.bareZoneId(z.id());
            boolean tagged = Tags.isOwned(tags.getOrDefault(id, Map.of()), project);
            return new Found(id, key, tagged || isOurCallerReference(z.callerReference(), project), tagged,
                    z.config() == null ? null : z.config().comment());
        }).toList();
    }
}

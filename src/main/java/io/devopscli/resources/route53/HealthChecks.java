package io.devopscli.resources.route53;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.Tags;
import io.devopscli.engine.RegionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HealthCheck;
import software.amazon.awssdk.services.route53.model.ListHealthChecksResponse;
import software.amazon.awssdk.services.route53.model.TagResourceType;

/**
 * The project's health checks. Route 53 has no tag filter on ListHealthChecks, so the list is narrowed
 * by our caller-reference prefix ("<project>-hc-<region>-<millis>") and then by the ownership tag, read in
 * batches. A health check with our caller reference and no tags was made by a run that stopped before
 * tagging it (CreateHealthCheck takes no tags): it is ours, named after the region in its reference.
 */
public final class HealthChecks {
    static final String MEMO = "route53/health-checks";

    private HealthChecks() {
    }

    /** One owned health check, with the name it has (or will have once tagged). */
    public record Owned(HealthCheck check, String name, boolean tagged) {}

    /** Once per run and region: the list is global, but each region's graph has its own memo. */
    static List<Owned> memoised(RegionContext ctx, Route53Client r53) {
        return ctx.memo(MEMO, () -> owned(r53, ctx.project()));
    }

    public static Optional<Owned> named(List<Owned> owned, String name) {
        return owned.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    public static List<Owned> owned(Route53Client r53, String project) {
        Pattern ours = callerReferencePattern(project);
        List<HealthCheck> candidates = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            ListHealthChecksResponse page = AwsCall.call(() -> r53.listHealthChecks(r -> r.marker(m)));
            page.healthChecks().stream().filter(h -> h.callerReference() != null
                    && ours.matcher(h.callerReference()).matches()).forEach(candidates::add);
            marker = Boolean.TRUE.equals(page.isTruncated()) ? page.nextMarker() : null;
        } while (marker != null);
        Map<String, Map<String, String>> tags = Route53Calls.tags(r53, TagResourceType.HEALTHCHECK,
                candidates.stream().map(HealthCheck::id).toList());
        List<Owned> result = new ArrayList<>();
        for (HealthCheck h : candidates) {
            Map<String, String> t = tags.getOrDefault(h.id(), Map.of());
            if (Tags.isOwned(t, project)) {
                result.add(new Owned(h, t.getOrDefault(Tags.NAME_KEY, ""), true));
            } else if (t.isEmpty()) {
                Matcher matcher = ours.matcher(h.callerReference());
                matcher.matches();
                result.add(new Owned(h, FailoverNames.healthCheckName(project, matcher.group(1)), false));
            }
            // tagged, but not with our ownership tag: someone else's, whatever its reference says
        }
        return result;
    }

    /** Unique per create: AWS refuses a caller reference used before, even by a deleted health check. */
    static String callerReference(String project, String region) {
        return project + "-hc-" + region + "-" + System.currentTimeMillis();
    }

    private static Pattern callerReferencePattern(String project) {
        return Pattern.compile(Pattern.quote(project + "-hc-") + "([a-z0-9-]+)-\\d+");
    }
}

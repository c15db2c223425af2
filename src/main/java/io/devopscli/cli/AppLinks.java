package io.devopscli.cli;

import io.devopscli.aws.AwsErrors;
import io.devopscli.engine.InParallel;
import io.devopscli.engine.Plan;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.elbv2.LoadBalancerState;
import io.devopscli.resources.naming.ResourceNames;
import io.devopscli.resources.elbv2.LoadBalancerEndpoint;
import io.devopscli.topology.RegionSpec;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.List;

/** The last lines of up and status: per region, where the app answers and its CloudWatch dashboard. */
final class AppLinks {
    private AppLinks() {
    }

    /** Prints both links of every region after an apply, which may just have made the load balancers. */
    static void print(Session session, PrintWriter out) {
        print(session, out, (Plan) null);
    }

    /**
     * Prints both links of every region. The load balancer's DNS name comes from the plan where it read
     * one and nothing changed since (a run with no changes); else from one describe per region, all
     * regions at once (after an apply, which may just have made it).
     */
    static void print(Session session, PrintWriter out, Plan unchanged) {
        boolean https = session.topology().failover().https();
        List<String> regions = session.topology().regions().stream().map(RegionSpec::name).toList();
        print(session, out, InParallel.each(regions, region ->
                (unchanged == null ? Optional.<String>empty() : observedDnsName(unchanged, region))
                        .map(dns -> LoadBalancerEndpoint.urlFor(dns, https))
                        .or(() -> readUrl(session, region, https))));
    }

    private static Optional<String> observedDnsName(Plan plan, String region) {
        return plan.regions().stream()
                .map(rp -> rp.observed().get(new ResourceKey(region, "elbv2/load-balancer", "alb")))
                .filter(LoadBalancerState.class::isInstance).map(o -> ((LoadBalancerState) o).dnsName())
                .filter(dns -> dns != null && !dns.isEmpty()).findFirst();
    }

    private static Optional<String> readUrl(Session session, String region, boolean https) {
        try {
            return new LoadBalancerEndpoint(session.clients(region).elbv2())
                    .url(session.topology().project(), ResourceNames.of(session.topology()).loadBalancer(), https);
        } catch (RuntimeException e) {
            return Optional.of("unavailable: " + AwsErrors.reason(e));
        }
    }

    /** Prints the links with URLs already read (status has them from its live checks; null: not read). */
    static void print(Session session, PrintWriter out, Map<String, Optional<String>> urls) {
        out.println();
        for (RegionSpec r : session.topology().regions()) {
            Optional<String> url = urls.get(r.name());
            out.printf("%s  app: %s%n", r.name(), url == null ? "not read (--no-live)" : url.orElse("no load balancer yet"));
            out.printf("%s  dashboard: %s%n", " ".repeat(r.name().length()),
                    dashboardUrl(r.name(), ResourceNames.of(session.topology()).dashboard(r.name())));
        }
        out.flush();
    }

    static String dashboardUrl(String region, String dashboard) {
        return "https://" + region + ".console.aws.amazon.com/cloudwatch/home?region=" + region
                + "#dashboards/dashboard/" + dashboard;
    }
}

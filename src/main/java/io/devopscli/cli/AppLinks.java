package io.devopscli.cli;

import io.devopscli.aws.AwsErrors;
import io.devopscli.resources.naming.ResourceNames;
import io.devopscli.resources.elbv2.LoadBalancerEndpoint;
import io.devopscli.topology.RegionSpec;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The last lines of up and status: per region, where the app answers and its CloudWatch dashboard. */
final class AppLinks {
    private AppLinks() {
    }

    /** Reads each region's load balancer URL (one describe per region) and prints both links. */
    static void print(Session session, PrintWriter out) {
        Map<String, Optional<String>> urls = new LinkedHashMap<>();
        for (RegionSpec r : session.topology().regions()) {
            String project = session.topology().project();
            try {
                urls.put(r.name(), new LoadBalancerEndpoint(session.clients(r.name()).elbv2())
                        .url(project, ResourceNames.of(session.topology()).loadBalancer(), session.topology().failover().https()));
            } catch (RuntimeException e) {
                urls.put(r.name(), Optional.of("unavailable: " + AwsErrors.reason(e)));
            }
        }
        print(session, out, urls);
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

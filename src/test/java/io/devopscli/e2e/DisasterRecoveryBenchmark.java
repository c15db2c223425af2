package io.devopscli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devopscli.aws.AwsClients;
import io.devopscli.lambda.ReplicationHandler;
import io.devopscli.lambda.ReplicationSettings;
import io.devopscli.replication.GitFixture;
import io.devopscli.replication.GitHttpServer;
import io.devopscli.testing.Cli;
import io.devopscli.testing.Emulator;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.route53.model.HealthCheckConfig;

/**
 * Not a test: the recovery time (RTO) and recovery point (RPO) of the three-region architecture, end to
 * end. The commands run against the emulator and loopback git servers through scripts/latency-proxy.py
 * (every request, AWS API or git, pays the given round trip); what the emulator makes instant is added
 * from AWS's documentation and the configuration actually deployed (read back from the emulator), and
 * what AWS does not document is an assumption, printed as such. Run with scripts/benchmark-dr.sh.
 *
 * <p>Arguments: EMULATOR_URL [LATENCY_MS=50] [ROUNDS=3]. The emulator must report production tasks
 * running (MOTO_ECS_SERVICE_RUNNING=2, as scripts/emulator.sh starts it).
 */
public final class DisasterRecoveryBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> REGIONS = List.of("us-east-1", "us-east-2", "us-west-2");
    private static final String PROJECT = "dr-bench";
    /** Route 53: "changes generally propagate to all Route 53 name servers within 60 seconds". */
    static final int ROUTE53_PROPAGATION_S = 60;
    /** Elastic Load Balancing: the load balancer's DNS records have a TTL of 60 seconds (resolvers cache them). */
    static final int ALB_DNS_TTL_S = 60;
    /** Assumed, not documented: a Fargate task pulling a ~200 MB image and starting the JVM app. */
    static final int FARGATE_TASK_START_S = 60;
    /** Assumed, not documented: EventBridge handing a CodeCommit event to the function. */
    static final double EVENT_DELIVERY_S = 1.0;
    /** Assumed, not documented: a cold start of the 2048 MB Java 21 replication function (JVM, JGit, SDK). */
    static final double LAMBDA_COLD_START_S = 6.0;
    static final int RTO_OBJECTIVE_S = 300;
    static final int RPO_OBJECTIVE_S = 60;

    private DisasterRecoveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String emulator = args[0];
        int latency = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.setProperty("devopscli.test.endpoint", emulator);
        Emulator.reset();
        Path dir = Files.createTempDirectory("dr-benchmark");
        Path topology = dir.resolve("topology.yaml");
        Files.writeString(topology, """
                project: dr-bench
                regions:
                  - {name: us-east-1, role: primary, cidr: 10.20.0.0/16}
                  - {name: us-east-2, role: secondary, cidr: 10.30.0.0/16}
                  - {name: us-west-2, role: secondary, cidr: 10.40.0.0/16}
                network: {azs: 2, natGateways: per-az, flowLogs: true}
                app:
                  name: shop
                  port: 8080
                  healthCheckPath: /health
                  environments:
                    staging:    {desired: 1, min: 1, max: 2}
                    production: {desired: 2, min: 2, max: 10}
                pipeline: {repository: dr-repo, branch: main, approval: {email: ops@example.com}}
                alarms: {email: ops@example.com}
                failover: {hostedZone: example.com, domain: app.example.com}
                """);
        try (GitHttpServer git = GitHttpServer.start(dir.resolve("git"));
             Proxy aws = Proxy.start(emulator, latency);
             Proxy gitProxy = Proxy.start("http://127.0.0.1:" + git.port(), latency)) {
            Map<String, Repository> repos = new LinkedHashMap<>();
            for (String region : REGIONS) {
                repos.put(region, git.create(region + "/dr-repo"));
            }
            GitFixture.commits(repos.get("us-east-1"), "main", null, 500);
            List<String> common = new ArrayList<>(List.of("-c", topology.toString(), "--cache-dir",
                    dir.resolve("cache").toString()));
            for (String region : REGIONS) {
                common.addAll(List.of("--git-url", region + "=" + git.baseUrl(region).toString()
                        .replace(":" + git.port() + "/", ":" + gitProxy.port() + "/")));
            }
            System.out.printf("setup: up of 3 regions (direct to the emulator), 500-commit repository; latency %d ms "
                    + "per request through the proxies%n", latency);
            run(List.of("up", "--yes", "-c", topology.toString(), "--endpoint-url", emulator), List.of());
            for (String region : REGIONS) {
                registerHealthyTarget(region);
            }
            run(List.of("replicate", "--endpoint-url", aws.url()), common);

            // RPO: a push to the active region reaches every other region through its function
            List<Long> lags = new ArrayList<>();
            for (int i = 0; i < rounds + 1; i++) {
                ObjectId before = GitFixture.head(repos.get("us-east-1"), "main");
                ObjectId pushed = GitFixture.commits(repos.get("us-east-1"), "main", null, 1);
                ReplicationHandler handler = handler("us-east-1", git, gitProxy, dir.resolve("lambda"));
                long start = System.nanoTime();
                ReplicationHandler.Summary s = handler.handle(event("us-east-1", pushed, before));
                lags.add((System.nanoTime() - start) / 1_000_000);
                for (String other : List.of("us-east-2", "us-west-2")) {
                    if (!pushed.equals(GitFixture.head(repos.get(other), "main")) || !"mirrored".equals(s.status())) {
                        throw new IllegalStateException("the push did not reach " + other + ": " + s);
                    }
                }
            }

            // RTO: failover to the third region and back (with a push made there meanwhile to catch up)
            List<JsonNode> over = new ArrayList<>();
            List<JsonNode> back = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                over.add(run(List.of("failover", "--to", "us-west-2", "--yes", "-o", "json", "--endpoint-url", aws.url()),
                        common));
                GitFixture.commits(repos.get("us-west-2"), "main", null, 3);
                back.add(run(List.of("failover", "--to", "us-east-1", "--yes", "-o", "json", "--endpoint-url", aws.url()),
                        common));
            }
            report(latency, lags, over, back);
        }
    }

    private static void report(int latency, List<Long> lags, List<JsonNode> over, List<JsonNode> back) {
        HealthCheckConfig check;
        TargetGroup group;
        try (AwsClients c = Emulator.clients("us-west-2")) {
            check = c.route53().listHealthChecks().healthChecks().stream().map(h -> h.healthCheckConfig())
                    .filter(h -> h.fullyQualifiedDomainName().contains("us-east-1")).findFirst().orElseThrow();
            group = c.elbv2().describeTargetGroups(r -> r.names(PROJECT + "-production")).targetGroups().get(0);
        }
        int detection = check.requestInterval() * check.failureThreshold();
        int healthyTargets = group.healthCheckIntervalSeconds() * group.healthyThresholdCount();
        System.out.println();
        System.out.println("Failover steps (median of " + over.size() + " rounds, ms; through the proxy):");
        for (int step = 0; step < over.get(0).get("steps").size(); step++) {
            int s = step;
            System.out.printf(Locale.ROOT, "  %-28s to us-west-2 %6d   back to us-east-1 %6d%n",
                    over.get(0).get("steps").get(s).get("step").asInt() + ". " + over.get(0).get("steps").get(s).get("name").asText(),
                    median(over.stream().map(d -> d.get("steps").get(s).get("millis").asLong()).toList()),
                    median(back.stream().map(d -> d.get("steps").get(s).get("millis").asLong()).toList()));
        }
        long orchestration = Math.max(median(over.stream().map(d -> d.get("totalMillis").asLong()).toList()),
                median(back.stream().map(d -> d.get("totalMillis").asLong()).toList()));
        System.out.printf(Locale.ROOT, "  %-28s to us-west-2 %6d   back to us-east-1 %6d%n", "total (failover command)",
                median(over.stream().map(d -> d.get("totalMillis").asLong()).toList()),
                median(back.stream().map(d -> d.get("totalMillis").asLong()).toList()));

        double orchestrationS = orchestration / 1000.0;
        double warm = detection + orchestrationS + ROUTE53_PROPAGATION_S + ALB_DNS_TTL_S;
        double scaleUp = FARGATE_TASK_START_S + healthyTargets;
        double cold = warm + scaleUp;
        // the tasks start at step 5, before the chain moves: they come up while Route 53 propagates
        double overlapped = detection + orchestrationS + Math.max(ROUTE53_PROPAGATION_S + ALB_DNS_TTL_S, scaleUp);
        System.out.println();
        System.out.println("RTO, a region fails at t=0 (seconds):");
        System.out.printf(Locale.ROOT, "  health check failure detection   %6.1f  (configured: interval %d s x threshold %d)%n",
                (double) detection, check.requestInterval(), check.failureThreshold());
        System.out.printf(Locale.ROOT, "  failover command                 %6.1f  (measured, slower direction, %d ms per request)%n",
                orchestrationS, latency);
        System.out.printf(Locale.ROOT, "  Route 53 change propagation      %6.1f  (documented: within 60 s)%n", (double) ROUTE53_PROPAGATION_S);
        System.out.printf(Locale.ROOT, "  resolvers' cached answer (TTL)   %6.1f  (documented: load balancer DNS TTL 60 s)%n", (double) ALB_DNS_TTL_S);
        System.out.printf(Locale.ROOT, "  = warm standby (minimum healthy already running, as step 2 checks) %6.1f s: %s the %d s objective%n",
                warm, warm <= RTO_OBJECTIVE_S ? "within" : "OVER", RTO_OBJECTIVE_S);
        System.out.printf(Locale.ROOT, "  + ECS scale-up to the minimum    %6.1f  (assumed task start %d s + configured healthy threshold %d x %d s)%n",
                (double) FARGATE_TASK_START_S + healthyTargets, FARGATE_TASK_START_S, group.healthyThresholdCount(),
                group.healthCheckIntervalSeconds());
        System.out.printf(Locale.ROOT, "  = standby with no task running, every term in sequence  %6.1f s: %s the %d s objective%n",
                cold, cold <= RTO_OBJECTIVE_S ? "within" : "OVER", RTO_OBJECTIVE_S);
        System.out.printf(Locale.ROOT, "  = the same with the tasks (started by step 5) coming up during propagation and TTL  %6.1f s: "
                + "%s the %d s objective%n", overlapped, overlapped <= RTO_OBJECTIVE_S ? "within" : "OVER", RTO_OBJECTIVE_S);
        System.out.printf(Locale.ROOT, "  (traffic alone, health checks without the command: %.1f s = detection + TTL)%n",
                (double) detection + ALB_DNS_TTL_S);

        List<Long> warmLags = lags.subList(1, lags.size());
        double mirror = median(warmLags) / 1000.0;
        double rpo = EVENT_DELIVERY_S + LAMBDA_COLD_START_S + lags.get(0) / 1000.0;
        System.out.println();
        System.out.println("RPO, replication lag of a push to every other region (seconds):");
        System.out.printf(Locale.ROOT, "  mirror to both regions           %6.2f  (measured: first, cold cache %.2f; median of %d warm %.2f)%n",
                lags.get(0) / 1000.0, lags.get(0) / 1000.0, warmLags.size(), mirror);
        System.out.printf(Locale.ROOT, "  event delivery                   %6.2f  (assumed)%n", EVENT_DELIVERY_S);
        System.out.printf(Locale.ROOT, "  Lambda cold start                %6.2f  (assumed; a warm function has none)%n",
                LAMBDA_COLD_START_S);
        System.out.printf(Locale.ROOT, "  = worst case %.2f s: %s the %d s objective (warm: %.2f s)%n", rpo,
                rpo <= RPO_OBJECTIVE_S ? "within" : "OVER", RPO_OBJECTIVE_S, EVENT_DELIVERY_S + mirror);
    }

    private static JsonNode run(List<String> args, List<String> common) throws Exception {
        List<String> all = new ArrayList<>(args);
        if (!args.get(0).equals("up")) {
            all.addAll(common);
        }
        Cli.Result run = Cli.inProcess(all.toArray(String[]::new));
        String text = run.out();
        if (run.code() != 0) {
            throw new IllegalStateException(String.join(" ", args) + " exited " + run.code() + "\n" + text + "\n" + run.err());
        }
        return all.contains("json") ? JSON.readTree(text) : null;
    }

    private static ReplicationHandler handler(String region, GitHttpServer git, Proxy gitProxy, Path cache) {
        Map<String, String> env = new HashMap<>();
        try (AwsClients c = Emulator.clients(region)) {
            env.putAll(c.lambda().getFunctionConfiguration(r -> r.functionName(PROJECT + "-replication"))
                    .environment().variables());
        }
        env.put(ReplicationSettings.CACHE_DIR, cache.toString());
        for (String r : REGIONS) {
            env.put("DEVOPS_CLI_GIT_BASE_URL_" + r.toUpperCase(Locale.ROOT).replace('-', '_'),
                    git.baseUrl(r).toString().replace(":" + git.port() + "/", ":" + gitProxy.port() + "/"));
        }
        return new ReplicationHandler(ReplicationSettings.fromEnvironment(env), r -> {
            throw new IllegalStateException("CodeCommit is not asked with git base URLs");
        }, AnonymousCredentialsProvider.create(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private static JsonNode event(String region, ObjectId commit, ObjectId old) throws Exception {
        return JSON.readTree("""
                {"version": "0", "id": "bench", "detail-type": "CodeCommit Repository State Change",
                 "source": "aws.codecommit", "account": "123456789012", "region": "%s",
                 "resources": ["arn:aws:codecommit:%s:123456789012:dr-repo"],
                 "detail": {"event": "referenceUpdated", "repositoryName": "dr-repo", "referenceType": "branch",
                            "referenceName": "main", "referenceFullName": "refs/heads/main",
                            "commitId": "%s", "oldCommitId": "%s"}}
                """.formatted(region, region, commit.name(), old.name()));
    }

    private static void registerHealthyTarget(String region) {
        try (AwsClients c = Emulator.clients(region)) {
            String arn = c.elbv2().describeTargetGroups(r -> r.names(PROJECT + "-production")).targetGroups().get(0)
                    .targetGroupArn();
            c.elbv2().registerTargets(r -> r.targetGroupArn(arn).targets(t -> t.id("10.0.2.10").port(8080)));
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** scripts/latency-proxy.py in front of one upstream, for the benchmark's duration. */
    private record Proxy(Process process, int port) implements AutoCloseable {
        static Proxy start(String upstream, int latencyMs) throws Exception {
            Path log = Files.createTempFile("latency-proxy", ".log");
            Process p = new ProcessBuilder("python3", "scripts/latency-proxy.py", "--target", upstream,
                    "--delay-ms", String.valueOf(latencyMs), "--log", log.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (line == null || !line.startsWith("http://127.0.0.1:")) {
                p.destroy();
                throw new IllegalStateException("latency proxy did not start: " + line);
            }
            return new Proxy(p, Integer.parseInt(line.substring(line.lastIndexOf(':') + 1)));
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}

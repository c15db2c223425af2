package io.devopscli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devopscli.cli.Main;
import io.devopscli.testing.Emulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the CLI in-process against the emulator with a topology file, as a user would from a shell. */
final class CliHarness {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path topology;

    CliHarness(Path dir, String yaml) throws Exception {
        this.topology = dir.resolve("topology.yaml");
        Files.writeString(topology, yaml);
    }

    Result run(String... args) {
        return runAt(Emulator.endpoint(), args);
    }

    /** Like run, against another endpoint (a fault proxy in front of the emulator). */
    Result runAt(java.net.URI endpoint, String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "-c";
        all[args.length + 1] = topology.toString();
        all[args.length + 2] = "--endpoint-url";
        all[args.length + 3] = endpoint.toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), all);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Result(int code, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + this, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** Two regions with non-default names, CIDRs, ports and paths: nothing may lean on the defaults. */
    static final String TWO_REGIONS = """
            project: acme-shop
            regions:
              - {name: eu-west-1, role: primary, cidr: 10.20.0.0/16}
              - {name: eu-central-1, role: secondary, cidr: 10.30.0.0/16}
            network: {azs: 2, natGateways: per-az, flowLogs: true}
            app:
              name: shop
              port: 9090
              healthCheckPath: /ready
              cpu: 256
              memory: 512
              environments:
                staging:    {desired: 1, min: 1, max: 2}
                production: {desired: 2, min: 2, max: 4}
              autoscaling: {cpuTarget: 50, memoryTarget: 60}
            pipeline: {repository: acme-shop-repo, branch: trunk, approval: {email: release@acme.test}}
            alarms: {email: oncall@acme.test}
            failover: {hostedZone: acme.test, domain: shop.acme.test}
            """;
}

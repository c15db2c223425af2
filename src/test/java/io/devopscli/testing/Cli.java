package io.devopscli.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devopscli.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way tests run the CLI. In process ({@link #inProcess}, or {@link #run} with a topology file
 * against the emulator): Main.run with captured stdout, stderr and exit code, as a user would from a shell.
 * As a process ({@link #childJvm}, {@link #onTerminal}) where a test needs a real JVM: its own
 * environment and home, System.exit, signals, a pseudo-terminal.
 */
public final class Cli {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Two regions with non-default names, CIDRs, ports and paths: nothing may lean on the defaults. */
    public static final String TWO_REGIONS = """
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

    private final Path topology;

    /** A topology file (DIR/topology.yaml) that run and runAt pass with -c. */
    public Cli(Path dir, String yaml) {
        this.topology = dir.resolve("topology.yaml");
        try {
            Files.writeString(topology, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One run in process against the emulator, with this topology. */
    public Result run(String... args) {
        return runAt(Emulator.endpoint(), args);
    }

    /** Like run, against another endpoint (a fault proxy in front of the emulator, a scripted server). */
    public Result runAt(URI endpoint, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-c", topology.toString(), "--endpoint-url", endpoint.toString()));
        return inProcess(all.toArray(String[]::new));
    }

    /** One run in process with exactly these arguments: its exit code, stdout and stderr. */
    public static Result inProcess(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * The CLI in a child JVM (the test classpath's Main, as bin/devops-cli runs the jar's): for a test that
     * needs its own environment or home, or the process's exit. The caller may change its environment.
     */
    public static ProcessBuilder childJvm(List<String> jvmOptions, String... args) {
        return new ProcessBuilder(childJvmCommand(jvmOptions, args));
    }

    /**
     * The CLI in a child JVM on a pseudo-terminal made by util-linux `script`: what is typed into the
     * process's stdin reaches the CLI as keys (a typed Ctrl-C becomes SIGINT), and its output is the screen.
     *
     * @param shellArgs the CLI's arguments as a shell reads them; a redirection may follow ("up > 'plan'")
     */
    public static ProcessBuilder onTerminal(String shellArgs) {
        // A run started in the background (`cmd &` in a script, nohup) inherits SIGINT ignored, and a JVM
        // cannot handle a signal ignored at its start: the child gets SIGINT back to its default (GNU env).
        StringBuilder command = new StringBuilder("env --default-signal=INT ");
        for (String part : childJvmCommand(List.of())) {
            command.append('\'').append(part.replace("'", "'\\''")).append("' ");
        }
        return new ProcessBuilder("script", "-qefc", command + shellArgs, "/dev/null").redirectErrorStream(true);
    }

    private static List<String> childJvmCommand(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** What one run left: exit code, stdout, stderr. */
    public record Result(int code, String out, String err) {
        /** stdout as JSON (-o json). */
        public JsonNode json() {
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
}

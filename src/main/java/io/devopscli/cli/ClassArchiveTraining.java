package io.devopscli.cli;

import com.sun.net.httpserver.HttpServer;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.ClientSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The run `make build` records a class-data-sharing archive from (java -XX:ArchiveClassesAtExit): it
 * loads what a real run loads, so bin/devops-cli starts from the archive instead of parsing and
 * verifying thousands of classes. No network: every AWS client makes one call to a loopback server that
 * answers "access denied", which walks marshalling, signing, the URL connection client and error
 * parsing; then the CLI parses its help and the reference topology. Then, where
 * scripts/class-archive-answers.jsonl.gz holds the emulator's answers to a converged run
 * (scripts/record-class-list.sh), the same server replays them to a `status --no-live` and an
 * `up --dry-run` of the topology they were recorded for: the code a converged run executes, and the
 * lambdas it links (about 600 of ours and 400 of the SDK's, which loading classes never links), are
 * archived too. A request the recording lacks is answered "access denied". Not a subcommand; see the
 * Makefile.
 */
public final class ClassArchiveTraining {
    /**
     * "false": SDK models from the class list are loaded, not initialised. JDK 25's AOT cache
     * (scripts/aot-cache.sh) archives the method types of every linked call site in one table that must
     * fit a heap region; the lambdas of all 9,000 models overflow it and no cache is written.
     */
    static final String INITIALISE_MODELS = "devopscli.training.initialiseModels";

    private ClassArchiveTraining() {
    }

    public static void main(String[] args) throws Exception {
        String topology = args.length > 0 ? args[0] : "config/topology.yaml";
        java.nio.file.Path classList = java.nio.file.Path.of(args.length > 1 ? args[1] : "scripts/class-archive-classes.txt");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Replay replay = Replay.read(classList.resolveSibling("class-archive-answers.jsonl.gz"));
        HttpServer server = server(replay);
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            Main.run(quiet, quiet, "--help");
            // --help on a terminal asks stty for its width (PrerenderedHelp): process and regex classes
            PrerenderedHelp.terminalWidth(ProcessBuilder.Redirect.DISCARD);
            Main.run(quiet, quiet, "up", "--help");
            Main.run(quiet, quiet, "up", "--dry-run", "-o", "json", "-c", topology, "--endpoint-url", endpoint.toString());
            Main.run(quiet, quiet, "status", "--no-live", "-c", topology, "--endpoint-url", endpoint.toString());
            try (AwsClients clients = new AwsClients("us-east-1", ClientSettings.resolve(endpoint.toString(), null))) {
                for (Consumer<AwsClients> call : calls()) {
                    try {
                        call.accept(clients);
                    } catch (RuntimeException expected) {
                        // access denied is the answer: the classes on the way are what is being recorded
                    }
                }
            }
            // what a run against AWS loads on its first https request (SharedHttpClient), which the
            // recorded emulator runs, all plain http, never reach
            software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder().build().close();
            if (replay.topology() != null && java.nio.file.Files.exists(java.nio.file.Path.of(replay.topology()))) {
                Main.run(quiet, quiet, "status", "--no-live", "-o", "json", "-c", replay.topology(),
                        "--endpoint-url", endpoint.toString());
                Main.run(quiet, quiet, "up", "--dry-run", "-o", "json", "-c", replay.topology(),
                        "--endpoint-url", endpoint.toString());
            }
            loadOwnClasses();
            loadRecorded(classList);
        } finally {
            server.stop(0);
        }
    }

    /** One cheap read per client the tool uses. */
    private static List<Consumer<AwsClients>> calls() {
        return List.of(
                c -> c.ec2().describeVpcs(), c -> c.iam().listRoles(), c -> c.logs().describeLogGroups(),
                c -> c.sts().getCallerIdentity(), c -> c.ecr().describeRepositories(), c -> c.ecs().listClusters(),
                c -> c.elbv2().describeLoadBalancers(), c -> c.autoscaling().describeScalableTargets(r -> r.serviceNamespace("ecs")),
                c -> c.codecommit().listRepositories(), c -> c.s3().listBuckets(), c -> c.codebuild().listProjects(),
                c -> c.codepipeline().listPipelines(), c -> c.events().listRules(r -> r.namePrefix("x")), c -> c.sns().listTopics(),
                c -> c.cloudwatch().describeAlarms(), c -> c.route53().listHostedZones(), c -> c.lambda().listFunctions(),
                c -> c.sqs().listQueues(), c -> c.tagging().getResources(), c -> c.acm().listCertificates(),
                c -> c.ssm().describeParameters(), c -> c.secretsManager().listSecrets());
    }

    /** The tool's own classes, loaded without running their initialisers. */
    private static void loadOwnClasses() throws Exception {
        String jar = java.nio.file.Path.of(ClassArchiveTraining.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()).toString();
        if (!jar.endsWith(".jar")) {
            return;
        }
        try (JarFile file = new JarFile(jar)) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.startsWith("io/devopscli/") && name.endsWith(".class") && !name.contains("/lambda/")) {
                    try {
                        Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false,
                                ClassArchiveTraining.class.getClassLoader());
                    } catch (ClassNotFoundException | LinkageError ignored) {
                        // a class that cannot load here is simply not archived
                    }
                }
            }
        }
    }

    /**
     * The classes real runs load (scripts/record-class-list.sh writes the list): above all the SDK's
     * response models, which calls answered "access denied" never reach. SDK models are initialised, so
     * the lambdas their static fields hold are generated now and archived too (most of the classes a run
     * would otherwise spin up); others are only loaded, since their initialisers are not ours to run.
     * {@link #INITIALISE_MODELS}=false loads the models without initialising them (the AOT cache's training).
     */
    private static void loadRecorded(java.nio.file.Path list) throws IOException {
        if (!java.nio.file.Files.exists(list)) {
            return; // an archive of the training calls alone: slower runs, still correct
        }
        ClassLoader loader = ClassArchiveTraining.class.getClassLoader();
        boolean initialiseModels = Boolean.parseBoolean(System.getProperty(INITIALISE_MODELS, "true"));
        for (String name : java.nio.file.Files.readAllLines(list)) {
            if (name.isBlank() || name.startsWith("io.devopscli.")) {
                continue; // our own classes are loaded above
            }
            boolean model = initialiseModels && name.startsWith("software.amazon.awssdk.services.") && name.contains(".model.");
            try {
                Class.forName(name.strip(), model, loader);
            } catch (ClassNotFoundException | LinkageError ignored) {
                // gone since the list was recorded: simply not archived
            }
        }
    }

    /**
     * Answers what the replay holds for the request (method, path with query, body), else 403
     * AccessDenied, in the shape each protocol's error parser expects.
     */
    static HttpServer server(Replay replay) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "training-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            java.net.URI uri = exchange.getRequestURI();
            Replay.Answer recorded = replay.answer(exchange.getRequestMethod(),
                    uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), request,
                    exchange.getRequestHeaders().getFirst("Authorization"));
            if (recorded != null) {
                recorded.headers().forEach(h -> exchange.getResponseHeaders().add(h.get(0), h.get(1)));
                boolean empty = recorded.body().length == 0 || exchange.getRequestMethod().equals("HEAD");
                exchange.sendResponseHeaders(recorded.status(), empty ? -1 : recorded.body().length);
                if (!empty) {
                    exchange.getResponseBody().write(recorded.body());
                }
                exchange.close();
                return;
            }
            boolean json = exchange.getRequestHeaders().getFirst("X-Amz-Target") != null;
            String body = json ? "{\"__type\":\"AccessDeniedException\",\"message\":\"training run\"}"
                    : "<ErrorResponse><Error><Code>AccessDenied</Code><Message>training run</Message></Error></ErrorResponse>";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", json ? "application/x-amz-json-1.1" : "text/xml");
            exchange.sendResponseHeaders(403, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** A converged run's answers as scripts/latency-proxy.py --record wrote them; empty when there are none. */
    record Replay(String topology, java.util.Map<String, Answer> answers) {
        record Answer(int status, List<List<String>> headers, byte[] body) {
        }

        static Replay read(java.nio.file.Path file) throws IOException {
            java.util.Map<String, Answer> answers = new java.util.HashMap<>();
            if (!java.nio.file.Files.exists(file)) {
                return new Replay(null, answers);
            }
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            List<String> lines;
            try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(file)), StandardCharsets.UTF_8))) {
                lines = in.lines().toList();
            }
            String topology = lines.isEmpty() ? null : json.readTree(lines.get(0)).path("topology").asText(null);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                com.fasterxml.jackson.databind.JsonNode n = json.readTree(line);
                List<List<String>> headers = new java.util.ArrayList<>();
                n.path("headers").forEach(h -> headers.add(List.of(h.get(0).asText(), h.get(1).asText())));
                answers.putIfAbsent(n.path("method").asText() + " " + n.path("path").asText() + " " + n.path("body").asText()
                                + " " + n.path("region").asText(),
                        new Answer(n.path("status").asInt(), headers, java.util.Base64.getDecoder().decode(n.path("answer").asText())));
            }
            return new Replay(topology, answers);
        }

        /** The answer recorded for this request, told apart by its signing region (one endpoint serves all). */
        Answer answer(String method, String path, byte[] body, String authorization) {
            java.util.regex.Matcher scope = SCOPE.matcher(authorization == null ? "" : authorization);
            return answers.get(method + " " + path + " " + sha256(body) + " " + (scope.find() ? scope.group(1) : ""));
        }

        private static final java.util.regex.Pattern SCOPE = java.util.regex.Pattern.compile("Credential=[^/]+/\\d{8}/([^/]+)/");

        private static String sha256(byte[] bytes) {
            try {
                return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

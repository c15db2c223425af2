package io.devopscli.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * A small fake of CodePipeline's JSON API on loopback, answering ListPipelineExecutions and
 * GetPipelineState from a script: the emulator (moto) has no pipeline executions, so this is the next most
 * real thing for following a run. Each GetPipelineState call answers the next scripted state (the last one
 * repeats); ListPipelineExecutions lists no run for the first call, then the run of the commit.
 */
final class FakeCodePipeline implements AutoCloseable {
    static final String EXECUTION = "0e5b7c3a-1111-2222-3333-444455556666";

    private final HttpServer server;
    private final List<String> states;
    private final Supplier<String> commit;
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private int stateCalls;
    private int listCalls;

    /** states: the stageStates arrays, as JSON, in the order GetPipelineState answers them. */
    FakeCodePipeline(Supplier<String> commit, List<String> states) throws IOException {
        this.commit = commit;
        this.states = List.copyOf(states);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (request.contains("Action=GetCallerIdentity")) {
                // the CLI's preflight asks who it is before its first call, as it does of AWS
                byte[] identity = ("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                        + "<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/test</Arn><UserId>AIDTEST</UserId>"
                        + "<Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/xml");
                exchange.sendResponseHeaders(200, identity.length);
                exchange.getResponseBody().write(identity);
                exchange.close();
                return;
            }
            String operation = target.substring(target.indexOf('.') + 1);
            calls.add(operation);
            String body = switch (operation) {
                case "ListPipelineExecutions" -> executions();
                case "GetPipelineState" -> state();
                default -> null;
            };
            byte[] bytes = (body == null ? "{\"__type\":\"ValidationException\",\"message\":\"not faked: " + operation + "\"}"
                    : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(body == null ? 400 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    private synchronized String executions() {
        if (listCalls++ == 0) {
            return "{\"pipelineExecutionSummaries\":[]}"; // the push rule has not started it yet
        }
        return "{\"pipelineExecutionSummaries\":[{\"pipelineExecutionId\":\"" + EXECUTION + "\",\"status\":\"InProgress\","
                + "\"startTime\":1764590000,\"sourceRevisions\":[{\"actionName\":\"Source\",\"revisionId\":\""
                + commit.get() + "\"}]},{\"pipelineExecutionId\":\"older\",\"status\":\"Succeeded\","
                + "\"sourceRevisions\":[{\"actionName\":\"Source\",\"revisionId\":\"0000000000000000000000000000000000000000\"}]}]}";
    }

    private synchronized String state() {
        if (listCalls < 2) {
            return "{\"pipelineName\":\"demo-pipeline\",\"stageStates\":" + states.get(0) + "}"; // before the run is found
        }
        String stages = states.get(Math.min(stateCalls++, states.size() - 1));
        return "{\"pipelineName\":\"demo-pipeline\",\"stageStates\":" + stages + "}";
    }

    /** A stage of our run: name, status, and its action's JSON (may be empty). */
    static String stage(String name, String status, String action) {
        return "{\"stageName\":\"" + name + "\",\"latestExecution\":{\"pipelineExecutionId\":\"" + EXECUTION
                + "\",\"status\":\"" + status + "\"},\"actionStates\":[" + action + "]}";
    }

    /** A stage whose latest run is an older one: ours has not reached it. */
    static String notReached(String name) {
        return "{\"stageName\":\"" + name + "\",\"latestExecution\":{\"pipelineExecutionId\":\"older\","
                + "\"status\":\"Succeeded\"},\"actionStates\":[]}";
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

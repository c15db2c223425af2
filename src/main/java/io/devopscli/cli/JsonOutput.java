package io.devopscli.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.devopscli.aws.CallCounter;
import io.devopscli.engine.NodeResult;
import io.devopscli.engine.RunReport;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes one stable, indented JSON document to stdout. */
final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonOutput() {
    }

    static void write(PrintWriter out, Object document) {
        try {
            out.println(MAPPER.writeValueAsString(document));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    static Map<String, Object> report(RunReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("succeeded", report.succeeded());
        m.put("millis", report.millis());
        m.put("results", report.results().stream()
                .filter(r -> r.outcome() != NodeResult.Outcome.UNCHANGED)
                .map(JsonOutput::result).toList());
        m.put("counts", Map.of(
                "done", report.with(NodeResult.Outcome.DONE).size(),
                "failed", report.with(NodeResult.Outcome.FAILED).size(),
                "skipped", report.with(NodeResult.Outcome.SKIPPED).size(),
                "unchanged", report.with(NodeResult.Outcome.UNCHANGED).size()));
        return m;
    }

    static Map<String, Object> calls(CallCounter counter) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", counter.total());
        m.put("mutating", counter.mutating());
        m.put("mutatingByOperation", counter.mutatingByOperation());
        m.put("byOperation", counter.byOperation());
        return m;
    }

    private static Map<String, Object> result(NodeResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("region", r.key().region());
        m.put("type", r.key().type());
        m.put("name", r.key().name());
        m.put("action", r.action().label());
        m.put("outcome", r.outcome().name().toLowerCase());
        m.put("millis", r.millis());
        if (!r.message().isEmpty()) {
            m.put("message", r.message());
        }
        return m;
    }
}

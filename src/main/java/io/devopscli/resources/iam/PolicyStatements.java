package io.devopscli.resources.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The two shapes every policy builder here writes: an Allow statement, and the document around them. */
final class PolicyStatements {
    static final ObjectMapper JSON = new ObjectMapper();

    private PolicyStatements() {
    }

    static ObjectNode allow(List<String> actions, List<String> resources) {
        ObjectNode statement = JSON.createObjectNode().put("Effect", "Allow");
        ArrayNode a = statement.putArray("Action");
        actions.forEach(a::add);
        ArrayNode r = statement.putArray("Resource");
        resources.forEach(r::add);
        return statement;
    }

    static String document(ArrayNode statements) {
        ObjectNode doc = JSON.createObjectNode().put("Version", "2012-10-17");
        doc.set("Statement", statements);
        return doc.toString();
    }
}

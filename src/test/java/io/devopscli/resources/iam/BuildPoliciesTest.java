package io.devopscli.resources.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildPoliciesTest {
    private final JsonNode statements = PolicyDocuments.parse(
            BuildPolicies.codeBuild("eu-west-1", "/shop/codebuild", "shop-artifacts-eu-west-1-123456789012", "shop-app"))
            .get("Statement");

    @Test
    void logsOnlyOnItsOwnGroup() {
        assertEquals("[\"logs:CreateLogStream\",\"logs:PutLogEvents\"]", statement("BuildLogs").get("Action").toString());
        assertEquals("[\"arn:aws:logs:eu-west-1:*:log-group:/shop/codebuild\","
                + "\"arn:aws:logs:eu-west-1:*:log-group:/shop/codebuild:*\"]", statement("BuildLogs").get("Resource").toString());
    }

    @Test
    void objectsOfTheArtifactBucketOnlyAndNoDeletes() {
        JsonNode s = statement("PipelineArtifacts");
        assertEquals("arn:aws:s3:::shop-artifacts-eu-west-1-123456789012/*", s.get("Resource").asText());
        assertEquals(List.of("s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"), actions(s));
    }

    @Test
    void pushToTheAppRepositoryAndTokenOnStarOnly() {
        JsonNode push = statement("PushAppImage");
        assertEquals("arn:aws:ecr:eu-west-1:*:repository/shop-app", push.get("Resource").asText());
        assertEquals(true, actions(push).contains("ecr:PutImage"));
        assertEquals(false, actions(push).contains("ecr:GetAuthorizationToken"));
        JsonNode login = statement("EcrLogin");
        assertEquals(List.of("ecr:GetAuthorizationToken"), actions(login));
        assertEquals("*", login.get("Resource").asText());
    }

    @Test
    void fourStatementsAllAllow() {
        assertEquals(4, statements.size());
        statements.forEach(s -> assertEquals("Allow", s.get("Effect").asText()));
    }

    @Test
    void partitionFollowsTheRegion() {
        String doc = BuildPolicies.codeBuild("cn-north-1", "/g", "b", "r");
        assertEquals("arn:aws-cn:s3:::b/*", PolicyDocuments.parse(doc).get("Statement").get(1).get("Resource").asText());
    }

    private JsonNode statement(String sid) {
        for (JsonNode s : statements) {
            if (sid.equals(s.get("Sid").asText())) {
                return s;
            }
        }
        throw new AssertionError("no statement " + sid);
    }

    private static List<String> actions(JsonNode s) {
        List<String> out = new ArrayList<>();
        s.get("Action").forEach(a -> out.add(a.asText()));
        return out;
    }
}

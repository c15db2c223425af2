package io.devopscli.resources.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Refs;
import io.devopscli.engine.ResourceKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DashboardReconcilerDiffTest {
    static final ResourceKey LB = new ResourceKey("eu-west-1", "elbv2/load-balancer", "alb");
    static final ResourceKey TG = new ResourceKey("eu-west-1", "elbv2/target-group", "production");
    static final Refs PARENTS = Refs.of(Map.of(
            LB, "arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/shop-alb/9",
            TG, "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/shop-production/8"));
    static final DashboardSpec SPEC = new DashboardSpec("shop-eu-west-1", "eu-west-1", "shop-cluster", LB,
            List.of(new DashboardSpec.Environment("production", "web-production", TG, "production-server-errors")),
            "shop/App", Optional.empty());
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DashboardReconciler reconciler = new DashboardReconciler();

    private static String generated() {
        return DashboardBody.generate(SPEC.input(PARENTS));
    }

    private List<FieldChange> diff(String body, Refs parents) {
        return reconciler.diff(SPEC, new DashboardState(SPEC.name(), body), parents);
    }

    @Test
    void theGeneratedBodyIsInSync() {
        assertEquals(List.of(), diff(generated(), PARENTS));
    }

    @Test
    void keyOrderWhitespaceAndNumberNotationAreNotDrift() throws Exception {
        String reformatted = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(generated()))
                .replace("\"period\" : 60", "\"period\" : 60.0");
        ObjectNode reordered = JSON.createObjectNode();
        reordered.set("widgets", JSON.readTree(reformatted).get("widgets"));
        assertEquals(List.of(), diff(JSON.writeValueAsString(reordered), PARENTS));
    }

    @Test
    void aHandEditedTitleIsDriftNamingItsPath() {
        List<FieldChange> changes = diff(generated().replace("ALB requests", "My requests"), PARENTS);
        assertEquals(List.of(FieldChange.of("body", "widgets[2].properties.title = \"ALB requests\"",
                "widgets[2].properties.title = \"My requests\"")), changes);
    }

    @Test
    void anAddedWidgetIsDrift() throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(generated());
        body.withArray("widgets").addObject().put("type", "text");
        assertEquals("widgets[7] = (absent)", diff(JSON.writeValueAsString(body), PARENTS).get(0).desired());
    }

    @Test
    void aReplacedLoadBalancerIsDrift() {
        Refs newLb = Refs.of(Map.of(LB, "arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/shop-alb/10",
                TG, PARENTS.idOf(TG).orElseThrow()));
        assertEquals(List.of("body"), diff(generated(), newLb).stream().map(FieldChange::field).toList());
    }

    @Test
    void aBodyThatIsNotJsonIsDrift() {
        assertEquals(List.of(FieldChange.of("body", "generated", "not JSON")), diff("{oops", PARENTS));
    }
}

package io.devopscli.resources.elbv2;

import static io.devopscli.resources.elbv2.ElbStack.ALB;
import static io.devopscli.resources.elbv2.ElbStack.PRODUCTION;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.engine.FieldChange;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.Refs;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ListenerDiffTest {
    private static final ListenerSpec SPEC = ListenerSpec.http("demo-http", ALB, PRODUCTION);
    private static final Refs PUBLISHED = Refs.of(Map.of(PRODUCTION, "arn:tg/prod"));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("in line", state("HTTP", List.of(forward("arn:tg/prod")), PUBLISHED), List.of()),
                Arguments.of("forwarding to another group", state("HTTP", List.of(forward("arn:tg/other")), PUBLISHED),
                        List.of(FieldChange.of("defaultAction", "forward:production", "forward:arn:tg/other"))),
                Arguments.of("a fixed response set by hand",
                        state("HTTP", List.of(new RuleAction("fixed-response", List.of())), PUBLISHED),
                        List.of(FieldChange.of("defaultAction", "forward:production", "fixed-response"))),
                Arguments.of("weighted between two groups",
                        state("HTTP", List.of(new RuleAction("forward", List.of("arn:tg/prod", "arn:tg/other"))), PUBLISHED),
                        List.of(FieldChange.of("defaultAction", "forward:production", "forward:production+arn:tg/other"))),
                Arguments.of("target group not created yet", state("HTTP", List.of(forward("arn:tg/prod")), Refs.none()),
                        List.of(FieldChange.of("defaultAction", "forward:production", "forward:arn:tg/prod"))),
                Arguments.of("protocol changed by hand", state("HTTPS", List.of(forward("arn:tg/prod")), PUBLISHED),
                        List.of(FieldChange.of("protocol", "HTTP", "HTTPS"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diff(String name, Observed actual, List<FieldChange> expected) {
        assertEquals(expected, new ListenerReconciler().diff(SPEC, actual.state(), actual.parents()));
    }

    /** An observed listener, with the parents' ids the engine would hand diff. */
    record Observed(ListenerState state, Refs parents) {}

    private static RuleAction forward(String arn) {
        return new RuleAction("forward", List.of(arn));
    }

    private static Observed state(String protocol, List<RuleAction> actions, Refs parents) {
        return new Observed(new ListenerState("arn:listener", "arn:lb", protocol, 80, actions, List.of(), null), parents);
    }

    private static final ResourceKey CERT = new ResourceKey("us-east-1", "route53/certificate-validation", "app");
    private static final ListenerSpec HTTPS = ListenerSpec.https("demo-https", ALB, PRODUCTION, CERT);
    private static final Refs WITH_CERT = Refs.of(Map.of(PRODUCTION, "arn:tg/prod", CERT, "arn:acm/cert"));

    static Stream<Arguments> httpsCases() {
        return Stream.of(
                Arguments.of("in line", https(List.of("arn:acm/cert"), ListenerSpec.TLS_POLICY), List.of()),
                Arguments.of("another certificate", https(List.of("arn:acm/other"), ListenerSpec.TLS_POLICY),
                        List.of(FieldChange.of("certificate", "app", "arn:acm/other"))),
                Arguments.of("an old TLS policy", https(List.of("arn:acm/cert"), "ELBSecurityPolicy-2016-08"),
                        List.of(FieldChange.of("sslPolicy", ListenerSpec.TLS_POLICY, "ELBSecurityPolicy-2016-08"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("httpsCases")
    void httpsDiff(String name, ListenerState actual, List<FieldChange> expected) {
        assertEquals(expected, new ListenerReconciler().diff(HTTPS, actual, WITH_CERT));
    }

    @org.junit.jupiter.api.Test
    void port80RedirectsToHttpsOrIsDrift() {
        ListenerSpec redirect = ListenerSpec.redirectToHttps("demo-http", ALB);
        ListenerState redirecting = new ListenerState("arn:l", "arn:lb", "HTTP", 80,
                List.of(new RuleAction("redirect", List.of(), RuleAction.TO_HTTPS)), List.of(), null);
        assertEquals(List.of(), new ListenerReconciler().diff(redirect, redirecting));
        assertEquals(List.of(FieldChange.of("defaultAction", "redirect:" + RuleAction.TO_HTTPS, "forward:arn:tg/prod")),
                new ListenerReconciler().diff(redirect, state("HTTP", List.of(forward("arn:tg/prod")), Refs.none()).state()));
    }

    private static ListenerState https(List<String> certificates, String policy) {
        return new ListenerState("arn:l", "arn:lb", "HTTPS", 443, List.of(forward("arn:tg/prod")), certificates, policy);
    }
}

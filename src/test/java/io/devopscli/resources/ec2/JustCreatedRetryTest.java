package io.devopscli.resources.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.engine.Action;
import io.devopscli.engine.NodeResult;
import io.devopscli.engine.Plan;
import io.devopscli.engine.RunReport;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.ec2.model.CreateRouteRequest;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * EC2 is eventually consistent: a call on an id made moments ago may be answered as if the id did not exist
 * (AuthorizeSecurityGroupIngress right after CreateSecurityGroup: InvalidGroup.NotFound). The creates make
 * no describe before such a call; they retry the call on that answer. moto knows every id at once and never
 * answers so, so an interceptor on the tool's clients answers the first such call with AWS's error before
 * it leaves (the request never reaches the emulator, as if AWS had not seen the id yet); the retry then goes
 * through to the emulator. The network is FirstCreateCallsTest's.
 */
@EmulatorTest
class JustCreatedRetryTest {
    private NetworkRun run;

    @AfterEach
    void close() {
        if (run != null) {
            run.close();
        }
    }

    static Stream<Arguments> callsOnFreshIds() {
        return Stream.of(
                Arguments.of("ModifyVpcAttribute", "InvalidVpcID.NotFound", any()),
                Arguments.of("ModifySubnetAttribute", "InvalidSubnetID.NotFound", any()),
                Arguments.of("AuthorizeSecurityGroupIngress", "InvalidGroup.NotFound", any()),
                Arguments.of("AttachInternetGateway", "InvalidInternetGatewayID.NotFound", any()),
                Arguments.of("CreateRoute", "InvalidRouteTableID.NotFound", any()),
                Arguments.of("CreateRoute", "InvalidNatGatewayID.NotFound", natRoute()),
                Arguments.of("AssociateRouteTable", "InvalidRouteTableID.NotFound", any()));
    }

    @ParameterizedTest(name = "{0} answered {1} once is retried")
    @MethodSource("callsOnFreshIds")
    void aCallOnAFreshIdAnsweredNotFoundIsRetriedNotPrecededByADescribe(String operation, String code,
                                                                        Predicate<SdkRequest> which) {
        FirstCallFails notYet = new FirstCallFails(operation, which, code, "The ID does not exist");
        run = new NetworkRun(FirstCreateCallsTest::graph, settings -> settings.withInterceptor(notYet));
        Plan plan = run.plan();
        run.calls().reset();

        run.apply(plan);

        assertEquals(1, notYet.answered.get(), "the interceptor answered once for AWS");
        Map<String, Long> calls = run.calls().byOperation();
        // the answered attempt and its retry; nothing was described to get there
        long usual = operation.equals("CreateRoute") || operation.equals("AssociateRouteTable")
                || operation.equals("AuthorizeSecurityGroupIngress") ? 2 : 1;
        assertEquals(usual + 1, calls.get("Ec2 " + operation), calls.toString());
        // the only reads: each route table's look for a table holding its subnet
        assertEquals(2L, calls.keySet().stream().filter(k -> k.startsWith("Ec2 Describe")).mapToLong(calls::get).sum(),
                calls.toString());
        assertEquals(List.of(), run.plan().allChanges().stream().filter(c -> c.action() != Action.NOOP).toList(),
                "the retried call did its work");
    }

    /**
     * Through an internet gateway attached moments ago, CreateRoute may be refused with "belong to different
     * networks" until EC2 shows the attachment: retried too, since the gateway's node attached it first.
     */
    @Test
    void aRouteRefusedBeforeTheAttachmentShowsIsRetried() {
        FirstCallFails notYet = new FirstCallFails("CreateRoute", r -> ((CreateRouteRequest) r).gatewayId() != null,
                "InvalidParameterValue", "route table rtb-1 and network gateway igw-1 belong to different networks");
        run = new NetworkRun(FirstCreateCallsTest::graph, settings -> settings.withInterceptor(notYet));

        run.apply();

        assertEquals(1, notYet.answered.get());
        run.assertAllNoop();
    }

    /** Only "not yet" is retried: any other refusal fails the node at once, as AWS gave it. */
    @Test
    void anotherErrorIsNotRetried() {
        FirstCallFails refused = new FirstCallFails("AuthorizeSecurityGroupIngress", any(), "InvalidPermission.Malformed",
                "bad rule");
        run = new NetworkRun(FirstCreateCallsTest::graph, settings -> settings.withInterceptor(refused));
        run.calls().reset();

        RunReport report = run.applyAllowingFailures();

        assertFalse(report.succeeded());
        assertTrue(report.results().stream().anyMatch(r -> r.outcome() == NodeResult.Outcome.FAILED
                && r.message().contains("InvalidPermission.Malformed")), report.results().toString());
        assertEquals(1, refused.answered.get(), "not tried again");
        // the app group, whose source is the web group, is not tried; the web group's one attempt is all
        assertEquals(1L, run.calls().byOperation().get("Ec2 AuthorizeSecurityGroupIngress"));
        SecurityGroup web = run.ec2().describeSecurityGroups(r -> r.filters(
                software.amazon.awssdk.services.ec2.model.Filter.builder().name("group-name").values("demo-web").build()))
                .securityGroups().get(0);
        assertTrue(web.ipPermissions().isEmpty(), web.toString());
    }

    private static Predicate<SdkRequest> any() {
        return r -> true;
    }

    private static Predicate<SdkRequest> natRoute() {
        return r -> ((CreateRouteRequest) r).natGatewayId() != null;
    }

    /** Answers the first matching call of one operation with an EC2 error, before it is sent. */
    private static final class FirstCallFails implements ExecutionInterceptor {
        private final String operation;
        private final Predicate<SdkRequest> which;
        private final String code;
        private final String message;
        final AtomicInteger answered = new AtomicInteger();

        FirstCallFails(String operation, Predicate<SdkRequest> which, String code, String message) {
            this.operation = operation;
            this.which = which;
            this.code = code;
            this.message = message;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (operation.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                    && which.test(context.request()) && answered.compareAndSet(0, 1)) {
                throw FakeEc2Failures.error(code, message);
            }
        }
    }
}

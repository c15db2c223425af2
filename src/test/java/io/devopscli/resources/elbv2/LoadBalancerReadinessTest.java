package io.devopscli.resources.elbv2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.engine.Waiter;
import io.devopscli.testing.RetryBounds;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;

/**
 * moto's load balancers turn active on the first describe and never fail; AWS's take 2 to 3 minutes in
 * provisioning and can end failed. A scripted client plays AWS's part for the waiter.
 */
@RetryBounds(boundMillis = 100, firstDelayMillis = 5)
class LoadBalancerReadinessTest {
    private static final String ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/demo-alb/50dc6c495c0c9188";
    private static final Waiter SHORT = new Waiter(Duration.ofSeconds(2), Duration.ofMillis(5), Duration.ofMillis(20));
    private final LoadBalancerReconciler reconciler = new LoadBalancerReconciler(SHORT);

    @Test
    void waitsThroughNotFoundAndProvisioningUntilActive() {
        Scripted elb = new Scripted();
        elb.answers.add(List.of()); // not visible yet right after create
        elb.answers.add(List.of(balancer("provisioning", null)));
        elb.answers.add(List.of(balancer("provisioning", null)));
        elb.answers.add(List.of(balancer("active", null)));

        LoadBalancer lb = reconciler.awaitActive(elb, ARN, m -> { });

        assertEquals("active", lb.state().codeAsString());
        assertEquals(4, elb.calls);
    }

    @Test
    void aFailedLoadBalancerFailsTheNodeWithAwsReason() {
        Scripted elb = new Scripted();
        elb.answers.add(List.of(balancer("provisioning", null)));
        elb.answers.add(List.of(balancer("failed", "subnet has no free addresses")));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> reconciler.awaitActive(elb, ARN, m -> { }));
        assertTrue(e.getMessage().contains("load balancer demo-alb to become active: failed: subnet has no free addresses"), e.getMessage());
    }

    @Test
    void anImpairedLoadBalancerIsServingSoTheWaitEndsWithANote() {
        Scripted elb = new Scripted();
        elb.answers.add(List.of(balancer("active_impaired", "one zone is impaired")));
        List<String> progress = new ArrayList<>();

        assertEquals("active_impaired", reconciler.awaitActive(elb, ARN, progress::add).state().codeAsString());
        assertEquals(List.of("load balancer demo-alb is active_impaired: one zone is impaired"), progress);
    }

    @Test
    void oneThatStaysProvisioningTimesOutNamingIt() {
        Scripted elb = new Scripted();
        elb.answers.add(List.of(balancer("provisioning", null)));

        Waiter.WaitTimeoutException e = assertThrows(Waiter.WaitTimeoutException.class,
                () -> reconciler.awaitActive(elb, ARN, m -> { }));
        assertTrue(e.getMessage().contains("waiting for load balancer demo-alb to become active"), e.getMessage());
    }

    private static LoadBalancer balancer(String state, String reason) {
        return LoadBalancer.builder().loadBalancerArn(ARN).loadBalancerName("demo-alb")
                .state(s -> s.code(state).reason(reason)).build();
    }

    /** Answers DescribeLoadBalancers from a script, repeating the last answer; an empty one is "not found". */
    private static final class Scripted implements ElasticLoadBalancingV2Client {
        final Deque<List<LoadBalancer>> answers = new ArrayDeque<>();
        int calls;

        @Override
        public DescribeLoadBalancersResponse describeLoadBalancers(DescribeLoadBalancersRequest request) {
            calls++;
            List<LoadBalancer> next = answers.size() > 1 ? answers.poll() : answers.peek();
            if (next.isEmpty()) {
                throw (LoadBalancerNotFoundException) LoadBalancerNotFoundException.builder().statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("LoadBalancerNotFound")
                                .errorMessage("One or more load balancers not found").build()).build();
            }
            return DescribeLoadBalancersResponse.builder().loadBalancers(next).build();
        }

        @Override
        public String serviceName() {
            return "elasticloadbalancing";
        }

        @Override
        public void close() {
        }
    }
}

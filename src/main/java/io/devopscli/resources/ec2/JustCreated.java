package io.devopscli.resources.ec2;

import io.devopscli.aws.AwsCall;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.WaitFor;
import io.devopscli.engine.Waiter;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A call on an id EC2 has just made (ModifyVpcAttribute after CreateVpc, AuthorizeSecurityGroupIngress after
 * CreateSecurityGroup, CreateRoute in a new table). EC2 is eventually consistent: for a moment it may answer
 * that the new id does not exist (InvalidGroup.NotFound and the like). That answer is retried, as AWS advises
 * and Terraform does, instead of a describe before every such call: the call's success is then the only
 * round trip. Any other failure is thrown as it came.
 */
final class JustCreated {
    /** Eventual consistency settles in seconds; a NotFound that lasts this long is a real one. */
    private static final Waiter WAIT = Waiter.upTo(Duration.ofMinutes(2));

    private JustCreated() {
    }

    /** The call's answer, retried while AWS answers with one of notFoundCodes. */
    static <T> T call(String what, RegionContext ctx, Supplier<T> call, String... notFoundCodes) {
        return retry(what, call, notFoundCodes).run(ctx.progress());
    }

    /** The retry itself, for a caller that recognises one more "not yet" (WaitFor.Retry.notYetWhen). */
    static <T> WaitFor.Retry<T> retry(String what, Supplier<T> call, String... notFoundCodes) {
        return WaitFor.retrying(what, () -> AwsCall.call(call)).notYet(notFoundCodes).within(WAIT);
    }

    static void run(String what, RegionContext ctx, Runnable call, String... notFoundCodes) {
        call(what, ctx, () -> {
            call.run();
            return Boolean.TRUE;
        }, notFoundCodes);
    }
}

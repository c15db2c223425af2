package io.devopscli.resources.route53;

import io.devopscli.aws.AwsCall;
import io.devopscli.engine.Progress;
import io.devopscli.engine.WaitFor;
import io.devopscli.engine.Waiter;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeStatus;

/**
 * Waits until Route 53 reports a change INSYNC: every authoritative name server answers with it. On AWS
 * that usually takes well under a minute.
 */
public final class ChangeSync {
    private final Waiter waiter;

    public ChangeSync(Waiter waiter) {
        this.waiter = waiter;
    }

    public static ChangeSync standard() {
        return new ChangeSync(new Waiter(Duration.ofMinutes(5), Duration.ofSeconds(2), Waiter.MAX_POLL_INTERVAL));
    }

    /** Returns at once when the change is already in sync (the emulator answers INSYNC straight away). */
    public void await(Route53Client r53, ChangeInfo change, String what, Progress progress) {
        if (change.status() == ChangeStatus.INSYNC) {
            return;
        }
        String id = change.id();
        WaitFor.matching(what + ": waiting for Route 53 to report " + id + " in sync",
                () -> Optional.of(AwsCall.call(() -> r53.getChange(r -> r.id(id))).changeInfo().status()),
                status -> status == ChangeStatus.INSYNC).within(waiter).run(progress);
    }
}

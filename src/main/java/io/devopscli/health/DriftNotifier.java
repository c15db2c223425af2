package io.devopscli.health;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.RegionContext;
import io.devopscli.resources.RegionalArns;

/**
 * Publishes the cron drift check's report to the alarms topic of the primary region, so the people who
 * get the alarms also learn that someone changed the architecture by hand.
 */
public final class DriftNotifier {
    /** SNS caps subjects at 100 characters and messages at 256 KB. */
    private static final int MAX_SUBJECT = 100;
    private static final int MAX_MESSAGE = 250_000;

    private DriftNotifier() {
    }

    /** @param ctx the primary region's context of this run (its account id is memoised there) */
    public static String publish(RegionContext ctx, String topicName, String subject, String report) {
        String topicArn = RegionalArns.of(ctx, "sns", topicName);
        String message = report.length() > MAX_MESSAGE ? report.substring(0, MAX_MESSAGE) + "\n[cut]" : report;
        String cutSubject = subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT) : subject;
        AwsCall.run(() -> ctx.services(AwsClients.class).sns()
                .publish(r -> r.topicArn(topicArn).subject(cutSubject).message(message)));
        return topicArn;
    }
}

package io.devopscli.resources.autoscaling;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsFailure;

/**
 * Deletes where "already gone" is success. AWS says ObjectNotFoundException (classified as not found);
 * the emulator says ValidationException "No scalable target found ..." / "No scaling policy found ...".
 */
final class Deletions {
    private Deletions() {
    }

    static void ignoringMissing(Runnable call) {
        try {
            AwsCall.ignoringNotFound(call);
        } catch (AwsFailure f) {
            String message = String.valueOf(f.getMessage());
            boolean gone = "ValidationException".equals(f.code())
                    && (message.contains("No scalable target found") || message.contains("No scaling policy found"));
            if (!gone) {
                throw f;
            }
        }
    }
}

package io.devopscli.resources.ec2;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** EC2 errors as the SDK raises them, for the paths moto never takes. */
final class FakeEc2Failures {
    private FakeEc2Failures() {
    }

    static Ec2Exception error(String code, String message) {
        return (Ec2Exception) Ec2Exception.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }
}

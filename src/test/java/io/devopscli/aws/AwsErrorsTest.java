package io.devopscli.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** The one classification of AWS errors, by code and status. */
class AwsErrorsTest {

    private static AwsServiceException error(String code, int status) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("m").build()).build();
    }

    @Test
    void notFoundCodesOfEveryServiceFamily() {
        for (String code : new String[] {"InvalidVpcID.NotFound", "NoSuchEntity", "ResourceNotFoundException",
                "RepositoryDoesNotExistException", "QueueDoesNotExist", "LoadBalancerNotFound"}) {
            assertEquals(AwsErrors.Kind.NOT_FOUND, AwsErrors.classify(error(code, 400)), code);
        }
    }

    @Test
    void retryableAndTerminal() {
        assertEquals(AwsErrors.Kind.RETRYABLE, AwsErrors.classify(error("DependencyViolation", 400)));
        assertEquals(AwsErrors.Kind.RETRYABLE, AwsErrors.classify(error("RequestLimitExceeded", 503)));
        assertEquals(AwsErrors.Kind.TERMINAL, AwsErrors.classify(error("InvalidParameterValue", 400)));
        assertEquals(AwsErrors.Kind.TERMINAL, AwsErrors.classify(error("AccessDenied", 403)));
        assertEquals("InvalidParameterValue: m", AwsErrors.reason(error("InvalidParameterValue", 400)));
    }
}

package io.devopscli.resources.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ElbDimensionsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop-alb/50dc6c495c0c9188, app/shop-alb/50dc6c495c0c9188",
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-production/73e2d6bc24d8a067, targetgroup/shop-production/73e2d6bc24d8a067",
            "arn:aws-cn:elasticloadbalancing:cn-north-1:123456789012:loadbalancer/net/n/1, net/n/1"})
    void theDimensionIsTheArnsTail(String arn, String dimension) {
        assertEquals(dimension, ElbDimensions.of(arn));
    }

    @ParameterizedTest
    @ValueSource(strings = {"app/shop-alb/1", "arn:aws:sns:us-east-1:1:topic"})
    void otherStringsAreRejected(String notAnElbArn) {
        assertThrows(IllegalArgumentException.class, () -> ElbDimensions.of(notAnElbArn));
    }
}

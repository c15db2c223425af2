package io.devopscli.resources;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** One tagging query serves every type: each caller gets only the ARNs of its own type back. */
class OwnedByTagTest {
    @Test
    void anArnIsOfTheFiltersServiceAndResourceType() {
        String alarm = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-cpu";
        String dashboard = "arn:aws:cloudwatch::123456789012:dashboard/shop";
        String lb = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188";
        String tg = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-staging/73e2d6bc24d8a067";
        String logGroup = "arn:aws:logs:eu-west-1:123456789012:log-group:/shop/app";
        String topic = "arn:aws:sns:eu-west-1:123456789012:shop-alarms";

        assertTrue(OwnedByTag.isOfType(alarm, "cloudwatch:alarm"));
        assertFalse(OwnedByTag.isOfType(dashboard, "cloudwatch:alarm"));
        assertTrue(OwnedByTag.isOfType(lb, "elasticloadbalancing:loadbalancer"));
        assertFalse(OwnedByTag.isOfType(tg, "elasticloadbalancing:loadbalancer"));
        assertTrue(OwnedByTag.isOfType(tg, "elasticloadbalancing:targetgroup"));
        assertTrue(OwnedByTag.isOfType(logGroup, "logs"));
        assertFalse(OwnedByTag.isOfType(logGroup, "sns"));
        assertTrue(OwnedByTag.isOfType(topic, "sns"));
        assertFalse(OwnedByTag.isOfType("not-an-arn", "sns"));
        for (String type : OwnedByTag.TYPES) {
            assertFalse(OwnedByTag.isOfType(topic, type) && OwnedByTag.isOfType(alarm, type), type);
        }
    }
}

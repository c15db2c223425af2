package io.devopscli.aws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which operations count as changing something. */
class CallCounterTest {
    @Test
    void readsAreNotMutations() {
        for (String read : new String[] {"DescribeVpcs", "ListTagsForResource", "GetRole", "HeadBucket", "BatchGetProjects"}) {
            assertFalse(CallCounter.isMutating(read), read);
        }
        for (String write : new String[] {"CreateVpc", "AuthorizeSecurityGroupIngress", "PutRetentionPolicy",
                "DeleteNatGateway", "ModifyVpcAttribute", "TagResource"}) {
            assertTrue(CallCounter.isMutating(write), write);
        }
    }
}

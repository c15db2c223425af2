package io.devopscli.aws;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the AWS API calls of a run, and how many of them could change something. A second `up` that
 * makes zero mutating calls is the proof of idempotency users ask for. Retries count once.
 */
public final class CallCounter implements ExecutionInterceptor {
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong mutating = new AtomicLong();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        total.incrementAndGet();
        if (isMutating(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            mutating.incrementAndGet();
        }
    }

    /** Describe*, List*, Get* and Head* read; every other operation may write. */
    static boolean isMutating(String operation) {
        if (operation == null) {
            return true;
        }
        return !(operation.startsWith("Describe") || operation.startsWith("List") || operation.startsWith("Get")
                || operation.startsWith("Head") || operation.startsWith("Lookup"));
    }

    public long total() {
        return total.get();
    }

    public long mutating() {
        return mutating.get();
    }

    public void reset() {
        total.set(0);
        mutating.set(0);
    }
}

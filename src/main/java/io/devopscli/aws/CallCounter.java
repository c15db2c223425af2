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
    private final java.util.Map<String, AtomicLong> mutatingByOperation = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final java.util.Map<String, AtomicLong> byOperation = new java.util.concurrent.ConcurrentSkipListMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        total.incrementAndGet();
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        byOperation.computeIfAbsent(service + " " + operation, k -> new AtomicLong()).incrementAndGet();
        if (isMutating(operation)) {
            mutating.incrementAndGet();
            mutatingByOperation.computeIfAbsent(service + " " + operation, k -> new AtomicLong()).incrementAndGet();
        }
    }

    /** Describe*, List*, Get*, BatchGet*, Head* and Lookup* read; every other operation may write. */
    static boolean isMutating(String operation) {
        if (operation == null) {
            return true;
        }
        return !(operation.startsWith("Describe") || operation.startsWith("List") || operation.startsWith("Get")
                || operation.startsWith("Head") || operation.startsWith("Lookup") || operation.startsWith("BatchGet"));
    }

    public long total() {
        return total.get();
    }

    public long mutating() {
        return mutating.get();
    }

    /** "Ec2 CreateVpc" -> count, sorted: what --verbose shows after a run. */
    public java.util.Map<String, Long> mutatingByOperation() {
        java.util.Map<String, Long> copy = new java.util.LinkedHashMap<>();
        mutatingByOperation.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** Every call by "Service Operation", sorted: what shows reads per resource (docs/benchmarks.md). */
    public java.util.Map<String, Long> byOperation() {
        java.util.Map<String, Long> copy = new java.util.LinkedHashMap<>();
        byOperation.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    public void reset() {
        mutatingByOperation.clear();
        byOperation.clear();
        total.set(0);
        mutating.set(0);
    }
}

package io.devopscli.aws;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A create for an API that takes no idempotency token (CreateVpc, CreateSubnet, CreateInternetGateway,
 * CreateSecurityGroup, AllocateAddress): when its answer is lost (the connection drops after AWS acted), a
 * blind retry would make a second resource. So it is sent once per attempt through a client that does not
 * retry by itself (AwsClients.ec2Once), and before each retry (not before the first attempt: the plan
 * just found none) the resource is looked for by its tags, which it carried from its creation
 * (TagSpecifications).
 */
public final class CreateOnce {
    /** What a retried create meets when its first attempt went through, for APIs unique by name. */
    private static final java.util.Set<String> ALREADY_EXISTS = java.util.Set.of(
            "DuplicateTargetGroupName", "DuplicateLoadBalancerName", "InvalidGroup.Duplicate",
            "InvalidSubnet.Conflict", "EntityAlreadyExists", "ResourceAlreadyExistsException",
            "RepositoryAlreadyExistsException", "RepositoryNameExistsException", "ResourceConflictException",
            "AlreadyExistsException", "Resource.AlreadyAssociated", "HostedZoneAlreadyExists");

    private CreateOnce() {
    }

    /**
     * @param find   looks for the resource by its ownership tags and Name (a read: retried as usual)
     * @param create one create request carrying the tags; retryable failures come back here, after a look
     */
    public static <T> T create(Supplier<Optional<T>> find, Supplier<T> create) {
        // AwsCall's bounded backoff over one attempt; every attempt after the first looks first, so a retry
        // never creates blindly. The first does not: the plan, read under the project lock (or with it
        // unchanged since), just found none.
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        return AwsCall.retrying(null, () -> (first.getAndSet(false) ? Optional.<T>empty() : find.get()).orElseGet(() -> {
            try {
                return create.get();
            } catch (RuntimeException e) {
                if (ALREADY_EXISTS.contains(AwsErrors.code(e))) {
                    // An earlier attempt (an SDK retry, a lost answer) made it: that one is ours.
                    Optional<T> made = find.get();
                    if (made.isPresent()) {
                        return made.get();
                    }
                }
                throw e;
            }
        }));
    }
}

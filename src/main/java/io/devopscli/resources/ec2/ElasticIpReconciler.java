package io.devopscli.resources.ec2;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.CreateOnce;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Waiter;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** An Elastic IP (domain vpc) found by its tags. Publishes its allocation id. */
public final class ElasticIpReconciler implements Reconciler<ElasticIpSpec, ElasticIpState> {
    static final String MEMO = "ec2/addresses";
    private static final String VPC = DomainType.VPC.toString();

    private final Waiter releaseWaiter;

    public ElasticIpReconciler() {
        // a NAT gateway's address stays locked for a while after the gateway reports deleted
        this(Waiter.upTo(Duration.ofMinutes(10)));
    }

    public ElasticIpReconciler(Waiter releaseWaiter) {
        this.releaseWaiter = releaseWaiter;
    }

    @Override
    public Optional<ElasticIpState> observe(ElasticIpSpec spec, RegionContext ctx) {
        return observeAll(spec, ctx).stream().findFirst();
    }

    /** Every address with our Name, the one in use first: a second one is a duplicate to release. */
    @Override
    public List<ElasticIpState> observeAll(ElasticIpSpec spec, RegionContext ctx) {
        List<Address> owned = ctx.memo(MEMO, () -> describeOwned(ec2(ctx), ctx.project()));
        return owned.stream()
                .filter(a -> OwnedTags.ownedAndNamed(a.tags(), ctx.project(), spec.name()))
                .sorted(Comparator.comparing((Address a) -> !AddressRelease.isHeld(a)).thenComparing(Address::allocationId))
                .map(ElasticIpReconciler::state).toList();
    }

    @Override
    public boolean inUse(ElasticIpState actual, RegionContext ctx) {
        return actual.associationId() != null;
    }

    @Override
    public List<FieldChange> diff(ElasticIpSpec spec, ElasticIpState actual) {
        return new Diffs().immutable("domain", VPC, actual.domain()).toList();
    }

    @Override
    public ElasticIpState create(ElasticIpSpec spec, RegionContext ctx) {
        Ec2Client ec2 = ec2(ctx);
        // AllocateAddress takes no client token: looked for by its tags before the call and before each
        // retry of it (see CreateOnce), so a lost answer never leaves a second, forgotten address.
        return CreateOnce.create(() -> pick(describeOwned(ec2, ctx.project()), ctx.project(), spec.name())
                        .map(ElasticIpReconciler::state),
                () -> {
                    var allocated = ctx.services(io.devopscli.aws.AwsClients.class).once().ec2().allocateAddress(r -> r
                            .domain(DomainType.VPC)
                            .tagSpecifications(OwnedTags.at(ResourceType.ELASTIC_IP, ctx.project(), spec.name())));
                    return new ElasticIpState(allocated.allocationId(), allocated.publicIp(), allocated.domainAsString(), null);
                });
    }

    @Override
    public void delete(ElasticIpState actual, RegionContext ctx) {
        AddressRelease.release(ec2(ctx), actual.allocationId(), releaseWaiter, ctx.progress());
    }

    @Override
    public String id(ElasticIpState actual) {
        return actual.allocationId();
    }

    private static Ec2Client ec2(RegionContext ctx) {
        return ctx.services(AwsClients.class).ec2();
    }

    /** One describe of every address the project owns in the region, shared by all EIP nodes of a run. */
    private static List<Address> describeOwned(Ec2Client ec2, String project) {
        return AwsCall.call(() -> ec2.describeAddresses(r -> r.filters(OwnedTags.ownerFilter(project))))
                .addresses();
    }

    /**
     * The address with our Name. Should a crash have left two, the one in use wins (then the lowest id),
     * so every run picks the same one.
     */
    static Optional<Address> pick(List<Address> addresses, String project, String name) {
        return addresses.stream()
                .filter(a -> OwnedTags.ownedAndNamed(a.tags(), project, name))
                .min(Comparator.comparing((Address a) -> !AddressRelease.isHeld(a))
                        .thenComparing(Address::allocationId));
    }

    private static ElasticIpState state(Address a) {
        String association = AddressRelease.isBlank(a.associationId()) ? null : a.associationId();
        return new ElasticIpState(a.allocationId(), a.publicIp(), a.domainAsString(), association);
    }
}

package io.devopscli.resources.ec2;

import static software.amazon.awssdk.services.ec2.model.NatGatewayState.AVAILABLE;
import static software.amazon.awssdk.services.ec2.model.NatGatewayState.FAILED;
import static software.amazon.awssdk.services.ec2.model.NatGatewayState.PENDING;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Progress;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.WaitFor;
import io.devopscli.engine.Waiter;
import io.devopscli.resources.IdempotencyTokens;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * A public NAT gateway in a public subnet with an Elastic IP, found by its tags. Publishes its nat
 * gateway id. Subnet and allocation are immutable: a change replaces the gateway.
 */
public final class NatGatewayReconciler implements Reconciler<NatGatewaySpec, NatGatewayState> {
    static final String MEMO = "ec2/nat-gateways";
    /** What diff shows as the wanted id of a parent that does not exist yet. */
    static final String TO_BE_CREATED = "(to be created)";
    /** Tries with a fresh token when AWS answers with a gateway an older, reused token made. */
    private static final int TOKEN_ATTEMPTS = 3;

    private final Waiter waiter;

    public NatGatewayReconciler() {
        // about 1.5 to 2 minutes on AWS, sometimes much longer; deleting takes about a minute
        this(Waiter.upTo(Duration.ofMinutes(15)));
    }

    public NatGatewayReconciler(Waiter waiter) {
        this.waiter = waiter;
    }

    @Override
    public Optional<NatGatewayState> observe(NatGatewaySpec spec, RegionContext ctx) {
        List<NatGateway> mine = named(ctx.memo(MEMO, () -> describeOwned(ec2(ctx), ctx.project())),
                ctx.project(), spec.name());
        Optional<NatGateway> live = pickLive(mine);
        if (live.isEmpty()) {
            // a failed gateway is not ours to keep: create replaces it, but say why
            mine.stream().filter(n -> n.state() == FAILED).forEach(n -> ctx.progress().info(
                    "ec2 nat-gateway " + spec.name() + " in " + ctx.region() + ": " + n.natGatewayId() + " "
                            + failure(n) + "; a new one will be created"));
        }
        return live.map(n -> state(n, ctx.idOf(spec.subnet()).orElse(null), ctx.idOf(spec.elasticIp()).orElse(null)));
    }

    @Override
    public List<FieldChange> diff(NatGatewaySpec spec, NatGatewayState actual) {
        return new Diffs()
                .immutable("subnet", wanted(actual.wantedSubnetId()), actual.subnetId())
                .immutable("allocation", wanted(actual.wantedAllocationId()), actual.allocationId())
                .toList();
    }

    @Override
    public NatGatewayState create(NatGatewaySpec spec, RegionContext ctx) {
        Ec2Client ec2 = ec2(ctx);
        String subnetId = ctx.requireId(spec.subnet());
        String allocationId = ctx.requireId(spec.elasticIp());
        // The plan's describe (its memo; a delete before this create forgets it): not read again for what the
        // plan just found missing. It still names failed gateways to delete, and in a replace the look is afresh.
        List<NatGateway> mine = named(ctx.memo(MEMO, () -> describeOwned(ec2, ctx.project())), ctx.project(), spec.name());
        for (NatGateway failed : mine.stream().filter(n -> n.state() == FAILED).toList()) {
            ctx.progress().info("deleting failed nat gateway " + failed.natGatewayId() + " (" + failure(failed) + ")");
            AwsCall.ignoringNotFound(() -> ec2.deleteNatGateway(r -> r.natGatewayId(failed.natGatewayId())));
        }
        // one left by an interrupted run (the emulator ignores client tokens, so this is the net there)
        Optional<NatGateway> live = pickLive(mine);
        if (live.isPresent()) {
            NatGateway n = live.get();
            if (!subnetId.equals(n.subnetId()) || !allocationId.equals(allocationOf(n))) {
                throw new IllegalStateException("nat gateway " + n.natGatewayId() + " with this name already exists in "
                        + n.subnetId() + " with " + allocationOf(n) + ", not in " + subnetId + " with " + allocationId);
            }
            return awaitAvailable(ec2, n.natGatewayId(), subnetId, allocationId, ctx.progress());
        }
        // An address the plan saw free (or that this run allocated) has no deleted gateway to let go of it.
        boolean free = ctx.actualOf(spec.elasticIp(), ElasticIpState.class).map(a -> a.associationId() == null)
                .orElse(false);
        if (!free) {
            awaitAddressFree(ec2, allocationId, ctx.progress());
        }
        String salt = "";
        for (int attempt = 0; attempt < TOKEN_ATTEMPTS; attempt++) {
            String token = IdempotencyTokens.of("nat-gateway", ctx.project(), ctx.region(), spec.name(), subnetId,
                    allocationId, salt);
            // The token makes AWS answer a retry with the first gateway; endpoints that ignore tokens (the emulator)
            // get a look by tags before each retry instead (CreateOnce).
            NatGateway created = io.devopscli.aws.CreateOnce.create(
                    () -> pickLive(named(describeOwned(ec2, ctx.project()), ctx.project(), spec.name())),
                    () -> ctx.services(io.devopscli.aws.AwsClients.class).once().ec2().createNatGateway(r -> r
                            .subnetId(subnetId).allocationId(allocationId).clientToken(token)
                            .tagSpecifications(OwnedTags.at(ResourceType.NATGATEWAY, ctx.project(), spec.name())))
                    .natGateway());
            ctx.forget(MEMO);
            if (created.state() == AVAILABLE) {
                // CreateNatGateway answers with the state: one available already needs no describe (AWS
                // answers pending, and that is waited for)
                return state(created, subnetId, allocationId);
            }
            if (isLive(created)) {
                return awaitAvailable(ec2, created.natGatewayId(), subnetId, allocationId, ctx.progress());
            }
            // Tokens outlive their gateways: this one made a gateway now deleted or failed, and AWS
            // answers with it. A token derived from that gateway's id is new yet still deterministic.
            salt = created.natGatewayId();
        }
        throw new IllegalStateException("CreateNatGateway kept answering with deleted gateways (last " + salt + ")");
    }

    @Override
    public void delete(NatGatewayState actual, RegionContext ctx) {
        Ec2Client ec2 = ec2(ctx);
        String id = actual.natGatewayId();
        AwsCall.ignoringNotFound(() -> ec2.deleteNatGateway(r -> r.natGatewayId(id)));
        ctx.forget(MEMO);
        // its Elastic IP can only be released once the gateway is gone, so wait for that here
        WaitFor.until("deleting nat gateway " + id, () -> describe(ec2, id), NatGateway::stateAsString)
                .target(WaitFor.GONE, "deleted", "failed").within(waiter).run(ctx.progress());
    }

    @Override
    public String id(NatGatewayState actual) {
        return actual.natGatewayId();
    }

    /** Polls until available; a gateway that goes failed fails the node with AWS's reason. */
    NatGatewayState awaitAvailable(Ec2Client ec2, String id, String wantedSubnet, String wantedAllocation,
                                   Progress progress) {
        // right after create, describe may not know the id yet (eventual consistency): gone is pending too
        NatGateway ready = WaitFor.until("waiting for nat gateway " + id + " to become available",
                        () -> describe(ec2, id), NatGateway::stateAsString)
                .pending(WaitFor.GONE, "pending").target("available").failure("failed", "deleting", "deleted")
                .because(n -> n.failureCode() == null ? "" : n.failureCode() + ": " + n.failureMessage())
                .within(waiter).run(progress);
        return state(ready, wantedSubnet, wantedAllocation);
    }

    /**
     * An address whose gateway was just deleted (a replace, or one deleted by hand) stays associated for a
     * while; a gateway created on it then goes failed with Resource.AlreadyAssociated. So wait that out.
     * An address held by a live gateway or by anything else will not come free: fail at once, saying who.
     */
    void awaitAddressFree(Ec2Client ec2, String allocationId, Progress progress) {
        waiter.until("waiting for elastic ip " + allocationId + " to be let go by its deleted nat gateway", progress, () -> {
            Optional<Address> address = AwsCall.orEmpty(() -> ec2.describeAddresses(r -> r.allocationIds(allocationId)))
                    .flatMap(r -> r.addresses().stream().findFirst());
            if (address.isEmpty() || !AddressRelease.isHeld(address.get())) {
                return Optional.of(Boolean.TRUE); // free (or gone, which CreateNatGateway will report)
            }
            List<NatGateway> holders = AwsCall.call(() -> ec2.describeNatGatewaysPaginator(r -> { }).natGateways()
                    .stream().filter(n -> allocationId.equals(allocationOf(n))).toList());
            Optional<NatGateway> live = pickLive(holders);
            if (live.isPresent()) {
                throw new IllegalStateException("elastic ip " + allocationId + " is in use by nat gateway "
                        + live.get().natGatewayId());
            }
            if (holders.isEmpty()) {
                throw new IllegalStateException("elastic ip " + allocationId + " is associated with "
                        + address.get().networkInterfaceId() + ", not with a nat gateway");
            }
            letGoOfDeleted(ec2, address.get(), holders);
            return Optional.empty();
        });
    }

    /**
     * Every holder is fully deleted, yet the address still shows the association: AWS drops it a moment
     * later by itself; moto 5.2.5 never does (DeleteNatGateway only marks the gateway deleted), so a
     * replaced gateway would wait forever there. Disassociating is then what AWS is about to do anyway;
     * where AWS refuses (the association is still the gateway's), the wait goes on.
     */
    private static void letGoOfDeleted(Ec2Client ec2, Address address, List<NatGateway> holders) {
        boolean allDeleted = holders.stream()
                .allMatch(n -> n.state() == software.amazon.awssdk.services.ec2.model.NatGatewayState.DELETED);
        if (AddressRelease.isBlank(address.associationId()) || !allDeleted) {
            return;
        }
        try {
            AwsCall.ignoringNotFound(() -> ec2.disassociateAddress(r -> r.associationId(address.associationId())));
        } catch (io.devopscli.aws.AwsFailure refused) {
            // still the gateway's: keep waiting
        }
    }

    private static Optional<NatGateway> describe(Ec2Client ec2, String id) {
        return AwsCall.orEmpty(() -> ec2.describeNatGateways(r -> r.natGatewayIds(id)))
                .flatMap(r -> r.natGateways().stream().findFirst());
    }

    private static Ec2Client ec2(RegionContext ctx) {
        return ctx.services(AwsClients.class).ec2();
    }

    /**
     * Every gateway the project owns in the region, in one paginated describe. The tag filter is what AWS
     * needs; the emulator ignores tag filters on DescribeNatGateways and returns every gateway, hence the
     * same check again in named().
     */
    private static List<NatGateway> describeOwned(Ec2Client ec2, String project) {
        return AwsCall.call(() -> ec2.describeNatGatewaysPaginator(r -> r.filter(OwnedTags.ownerFilter(project)))
                .natGateways().stream().toList());
    }

    static List<NatGateway> named(List<NatGateway> gateways, String project, String name) {
        return gateways.stream().filter(n -> OwnedTags.ownedAndNamed(n.tags(), project, name)).toList();
    }

    /** The pending or available one; should there be two, the available one, then the lowest id. */
    static Optional<NatGateway> pickLive(List<NatGateway> gateways) {
        return gateways.stream().filter(NatGatewayReconciler::isLive)
                .min(Comparator.comparing((NatGateway n) -> n.state() != AVAILABLE)
                        .thenComparing(NatGateway::natGatewayId));
    }

    static boolean isLive(NatGateway n) {
        return n.state() == PENDING || n.state() == AVAILABLE;
    }

    private static String allocationOf(NatGateway n) {
        return n.natGatewayAddresses().stream().map(a -> a.allocationId()).filter(a -> a != null).findFirst()
                .orElse(null);
    }

    private static String failure(NatGateway n) {
        return "failed: " + n.failureCode() + ": " + n.failureMessage();
    }

    private static String wanted(String id) {
        return id == null ? TO_BE_CREATED : id;
    }

    private static NatGatewayState state(NatGateway n, String wantedSubnet, String wantedAllocation) {
        return new NatGatewayState(n.natGatewayId(), n.stateAsString(), n.subnetId(),
                allocationOf(n), wantedSubnet, wantedAllocation);
    }
}

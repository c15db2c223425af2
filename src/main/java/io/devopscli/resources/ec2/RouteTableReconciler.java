package io.devopscli.resources.ec2;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.InParallel;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.Referencing;
import io.devopscli.engine.Refs;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.WaitFor;
import io.devopscli.engine.Waiter;
import io.devopscli.resources.ec2.RouteTableSpec.DefaultRoute;
import io.devopscli.resources.ec2.RouteTableSpec.TargetKind;
import io.devopscli.resources.ec2.RouteTableState.Association;
import io.devopscli.resources.ec2.RouteTableState.DestinationType;
import io.devopscli.resources.ec2.RouteTableState.Route;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;

/**
 * A route table of the VPC: the local route, an optional default route to an internet or NAT gateway,
 * and exactly the spec's subnets associated. Publishes the route table id.
 */
public final class RouteTableReconciler implements Reconciler<RouteTableSpec, RouteTableState>,
        Referencing<RouteTableSpec, RouteTableState>, Updatable<RouteTableSpec, RouteTableState> {
    static final String MEMO = "ec2/route-tables";
    static final String DEFAULT_CIDR = "0.0.0.0/0";
    private static final Waiter WAIT = Waiter.upTo(Duration.ofMinutes(5));
    /** What EC2 answers for a route table id it does not know yet (eventual consistency right after the create). */
    static final String NOT_FOUND = "InvalidRouteTableID.NotFound";
    /** CreateRoute's code for a gateway not (yet) attached to the table's VPC. */
    private static final String ATTACHMENT_NOT_SHOWN = "InvalidParameterValue";

    @Override
    public Optional<RouteTableState> observe(RouteTableSpec spec, RegionContext ctx) {
        return observeAll(spec, ctx).stream().findFirst();
    }

    @Override
    public List<RouteTableState> observeAll(RouteTableSpec spec, RegionContext ctx) {
        List<RouteTable> owned = ctx.memo(MEMO, () -> AwsCall.call(() -> ec2(ctx).describeRouteTablesPaginator(
                r -> r.filters(OwnedTags.ownerFilter(ctx.project()))).routeTables().stream().toList()));
        return OwnedTags.all(owned, RouteTable::tags, RouteTable::routeTableId, ctx.project(), spec.name()).stream()
                .map(RouteTableReconciler::state).toList();
    }

    /**
     * Compares in the graph's terms: actual ids are rendered as the key they were published for, so
     * "igw:main" is a default route through the gateway the graph calls main, and an id of anything else
     * ("nat:nat-0abc") never matches.
     */
    @Override
    public List<FieldChange> diff(RouteTableSpec spec, RouteTableState actual, Refs parents) {
        return new Diffs()
                .immutable("vpc", spec.vpc().name(), parents.render(actual.vpcId()))
                .field("defaultRoute", spec.defaultRoute().map(RouteTableReconciler::render).orElse("none"),
                        actual.defaultRoute().map(r -> render(r, parents)).orElse("none"))
                .field("extraRoutes", List.of(), actual.extraRoutes().stream().map(Route::render).sorted().toList())
                .field("associations", spec.subnets().stream().map(ResourceKey::name).sorted().toList(),
                        actual.associations().stream().map(a -> parents.render(a.subnetId())).sorted().toList())
                .toList();
    }

    @Override
    public RouteTableState create(RouteTableSpec spec, RegionContext ctx) {
        Ec2Client ec2 = ec2(ctx);
        String vpcId = ctx.requireId(spec.vpc());
        // The token makes AWS answer a retry with the first table; endpoints that ignore tokens (the emulator) get
        // a look by tags before each retry instead (CreateOnce).
        RouteTable made = io.devopscli.aws.CreateOnce.create(() -> OwnedTags.pick(AwsCall.call(() -> ec2.describeRouteTablesPaginator(
                        r -> r.filters(OwnedTags.ownerFilter(ctx.project()), OwnedTags.nameFilter(spec.name()),
                                OwnedTags.filter("vpc-id", vpcId))).routeTables().stream().toList()),
                        RouteTable::tags, RouteTable::routeTableId, ctx.project(), spec.name()),
                () -> ctx.services(io.devopscli.aws.AwsClients.class).once().ec2().createRouteTable(r -> r.vpcId(vpcId)
                        .clientToken(clientToken(ctx, spec.name(), vpcId))
                        .tagSpecifications(OwnedTags.at(ResourceType.ROUTE_TABLE, ctx.project(), spec.name())))
                        .routeTable());
        ctx.forget(MEMO);
        // CreateRouteTable answers with the table (its local route, no associations): routes and associations
        // start from that, and the calls' success is the rest of the answer (no read-back).
        return reconcile(spec, state(made), ctx);
    }

    @Override
    public RouteTableState update(RouteTableSpec spec, RouteTableState actual, List<FieldChange> changes,
                                  RegionContext ctx) {
        return reconcile(spec, actual, ctx);
    }

    @Override
    public void delete(RouteTableState actual, RegionContext ctx) {
        Ec2Client ec2 = ec2(ctx);
        for (Association a : actual.associations()) {
            AwsCall.ignoringNotFound(() -> ec2.disassociateRouteTable(r -> r.associationId(a.id())));
        }
        AwsCall.ignoringNotFound(() -> ec2.deleteRouteTable(r -> r.routeTableId(actual.id())));
        ctx.forget(MEMO);
        WaitFor.gone("route table " + actual.id() + " deleted", () -> describe(ec2, actual.id()))
                .within(WAIT).run(ctx.progress());
    }

    @Override
    public String id(RouteTableState actual) {
        return actual.id();
    }

    /**
     * Brings routes and associations in line with the spec. The calls' success is the answer: the state
     * returned is what they made, with no read-back (the next plan observes afresh). Associations and routes
     * do not depend on each other, so they go at the same time. Calls on ids made moments ago (this table, a
     * new subnet or gateway) are retried while EC2 does not know them yet (JustCreated).
     */
    private RouteTableState reconcile(RouteTableSpec spec, RouteTableState actual, RegionContext ctx) {
        Ec2Client ec2 = ec2(ctx);
        String id = actual.id();
        Supplier<List<Association>> associations = InParallel.start(
                () -> reconcileAssociations(ec2, id, spec, actual.associations(), ctx));
        Optional<Route> defaultRoute = reconcileDefaultRoute(ec2, id, spec.defaultRoute(), actual.defaultRoute(), ctx);
        for (Route extra : actual.extraRoutes()) {
            AwsCall.ignoringNotFound(() -> ec2.deleteRoute(r -> {
                switch (extra.type()) {
                    case IPV4 -> r.destinationCidrBlock(extra.destination());
                    case IPV6 -> r.destinationIpv6CidrBlock(extra.destination());
                    case PREFIX_LIST -> r.destinationPrefixListId(extra.destination());
                }
                r.routeTableId(id);
            }));
        }
        List<Association> associated = associations.get();
        ctx.forget(MEMO);
        return new RouteTableState(id, actual.vpcId(), defaultRoute, List.of(), associated);
    }

    /** The default route as it is afterwards: created, replaced, kept or deleted. */
    private static Optional<Route> reconcileDefaultRoute(Ec2Client ec2, String id, Optional<DefaultRoute> desired,
                                                         Optional<Route> actual, RegionContext ctx) {
        if (desired.isEmpty()) {
            actual.ifPresent(r -> AwsCall.ignoringNotFound(
                    () -> ec2.deleteRoute(d -> d.routeTableId(id).destinationCidrBlock(DEFAULT_CIDR))));
            return Optional.empty();
        }
        String target = ctx.requireId(desired.get().target());
        boolean nat = desired.get().kind() == TargetKind.NAT_GATEWAY;
        Route wanted = new Route(DestinationType.IPV4, DEFAULT_CIDR, target, false);
        boolean created = false;
        if (actual.isEmpty()) {
            try {
                // Through a gateway attached moments ago, EC2 may answer that table and gateway "belong to
                // different networks" until it shows the attachment (the gateway's node attached it to this
                // VPC before this one ran): retried like the NotFound codes of ids just made.
                JustCreated.retry("route " + DEFAULT_CIDR + " -> " + target + " in route table " + id,
                        () -> ec2.createRoute(r -> {
                            r.routeTableId(id).destinationCidrBlock(DEFAULT_CIDR);
                            if (nat) {
                                r.natGatewayId(target);
                            } else {
                                r.gatewayId(target);
                            }
                        }), NOT_FOUND, "InvalidGatewayID.NotFound", "InvalidNatGatewayID.NotFound")
                        .notYetWhen(f -> !nat && ATTACHMENT_NOT_SHOWN.equals(f.code())
                                && String.valueOf(f.getMessage()).contains("belong to different networks"))
                        .run(ctx.progress());
                created = true;
            } catch (io.devopscli.aws.AwsFailure f) {
                // A retry whose first answer was lost finds its own route: make sure of its target below.
                if (!f.code().equals("RouteAlreadyExists")) {
                    throw f;
                }
            }
        }
        if (created) {
            return Optional.of(wanted);
        }
        if (actual.isEmpty() || !actual.get().target().equals(target) || actual.get().blackhole()) {
            AwsCall.run(() -> ec2.replaceRoute(r -> {
                r.routeTableId(id).destinationCidrBlock(DEFAULT_CIDR);
                if (nat) {
                    r.natGatewayId(target);
                } else {
                    r.gatewayId(target);
                }
            }));
            return Optional.of(wanted);
        }
        return actual;
    }

    /**
     * Disassociates subnets the spec does not name, and associates the ones it does, all at once: the
     * associations as they are afterwards. A subnet still associated with another table is moved with
     * ReplaceRouteTableAssociation: AWS refuses a second association (Resource.AlreadyAssociated), and the
     * emulator silently keeps the old one.
     */
    private static List<Association> reconcileAssociations(Ec2Client ec2, String id, RouteTableSpec spec,
                                                           List<Association> actual, RegionContext ctx) {
        Set<String> desired = Set.copyOf(spec.subnets().stream().map(ctx::requireId).toList());
        List<Association> now = new ArrayList<>();
        for (Association a : actual) {
            if (desired.contains(a.subnetId())) {
                now.add(a);
            } else {
                AwsCall.ignoringNotFound(() -> ec2.disassociateRouteTable(r -> r.associationId(a.id())));
            }
        }
        List<String> missing = desired.stream()
                .filter(s -> actual.stream().noneMatch(a -> a.subnetId().equals(s))).sorted().toList();
        if (missing.isEmpty()) {
            return now;
        }
        List<RouteTable> holders = AwsCall.call(() -> ec2.describeRouteTablesPaginator(r -> r.filters(
                OwnedTags.filter("association.subnet-id", missing)))
                .routeTables().stream().toList());
        List<Supplier<Association>> made = missing.stream()
                .map(subnet -> InParallel.start(() -> associateOrMove(ec2, id, subnet, holders, ctx))).toList();
        made.forEach(m -> now.add(m.get()));
        return now;
    }

    private static Association associateOrMove(Ec2Client ec2, String id, String subnet, List<RouteTable> holders,
                                               RegionContext ctx) {
        Optional<RouteTableAssociation> elsewhere = holders.stream().flatMap(t -> t.associations().stream())
                .filter(a -> subnet.equals(a.subnetId()) && !id.equals(a.routeTableId())).findFirst();
        // The other table may let go of the subnet meanwhile (it is reconciled in parallel): then the
        // association is gone and a plain associate does it.
        Optional<String> moved = elsewhere.flatMap(e -> AwsCall.orEmpty(() -> ec2.replaceRouteTableAssociation(
                r -> r.associationId(e.routeTableAssociationId()).routeTableId(id))).map(r -> r.newAssociationId()));
        return new Association(moved.orElseGet(() -> associate(ec2, id, subnet, ctx)), subnet);
    }

    /**
     * The new association's id. A retry whose first answer was lost meets its own association
     * (Resource.AlreadyAssociated): done, its id read from the table.
     */
    private static String associate(Ec2Client ec2, String id, String subnet, RegionContext ctx) {
        try {
            return JustCreated.call("associating subnet " + subnet + " with route table " + id, ctx,
                    () -> ec2.associateRouteTable(r -> r.routeTableId(id).subnetId(subnet)).associationId(),
                    NOT_FOUND, SubnetReconciler.NOT_FOUND);
        } catch (io.devopscli.aws.AwsFailure f) {
            Optional<String> ours = !f.code().equals("Resource.AlreadyAssociated") ? Optional.empty()
                    : AwsCall.call(() -> ec2.describeRouteTables(r -> r.routeTableIds(id))).routeTables().stream()
                    .flatMap(t -> t.associations().stream()).filter(a -> subnet.equals(a.subnetId()))
                    .map(RouteTableAssociation::routeTableAssociationId).findFirst();
            return ours.orElseThrow(() -> f);
        }
    }

    static RouteTableState state(RouteTable t) {
        Optional<Route> defaultRoute = Optional.empty();
        List<Route> extra = new ArrayList<>();
        for (software.amazon.awssdk.services.ec2.model.Route r : t.routes()) {
            Route route = route(r);
            if ("local".equals(route.target()) || "EnableVgwRoutePropagation".equals(r.originAsString())) {
                continue; // the VPC's own route, and routes a VPN gateway propagates, are not ours to manage
            }
            if (route.type() == DestinationType.IPV4 && DEFAULT_CIDR.equals(route.destination())) {
                defaultRoute = Optional.of(route);
            } else {
                extra.add(route);
            }
        }
        List<Association> associations = t.associations().stream()
                .filter(a -> a.subnetId() != null && !Boolean.TRUE.equals(a.main()))
                .filter(a -> a.associationState() == null || !"disassociated".equals(a.associationState().stateAsString()))
                .map(a -> new Association(a.routeTableAssociationId(), a.subnetId())).toList();
        return new RouteTableState(t.routeTableId(), t.vpcId(), defaultRoute, extra, associations);
    }

    private static Route route(software.amazon.awssdk.services.ec2.model.Route r) {
        DestinationType type = r.destinationCidrBlock() != null ? DestinationType.IPV4
                : r.destinationIpv6CidrBlock() != null ? DestinationType.IPV6 : DestinationType.PREFIX_LIST;
        String destination = switch (type) {
            case IPV4 -> r.destinationCidrBlock();
            case IPV6 -> r.destinationIpv6CidrBlock();
            case PREFIX_LIST -> r.destinationPrefixListId();
        };
        String target = Stream.of(r.gatewayId(), r.natGatewayId(), r.transitGatewayId(), r.vpcPeeringConnectionId(),
                        r.networkInterfaceId(), r.instanceId(), r.egressOnlyInternetGatewayId(), r.carrierGatewayId(),
                        r.localGatewayId(), r.coreNetworkArn())
                .filter(v -> v != null && !v.isEmpty()).findFirst().orElse("unknown");
        return new Route(type, destination, target, "blackhole".equals(r.stateAsString()));
    }

    private static String render(DefaultRoute desired) {
        return (desired.kind() == TargetKind.NAT_GATEWAY ? "nat:" : "igw:") + desired.target().name();
    }

    private static String render(Route actual, Refs parents) {
        String kind = actual.target().startsWith("nat-") ? "nat:" : actual.target().startsWith("igw-") ? "igw:" : "";
        return kind + parents.render(actual.target()) + (actual.blackhole() ? " (blackhole)" : "");
    }

    @Override
    public List<ResourceKey> references(RouteTableSpec spec) {
        List<ResourceKey> keys = new ArrayList<>(spec.subnets());
        keys.add(spec.vpc());
        spec.defaultRoute().ifPresent(d -> keys.add(d.target()));
        return keys;
    }

    /**
     * The same token for the same table of the same VPC, so a retried create cannot make two tables.
     * EC2 allows 64 ASCII characters.
     */
    static String clientToken(RegionContext ctx, String name, String vpcId) {
        String seed = ctx.project() + "/" + ctx.region() + "/" + name + "/" + vpcId;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return "devops-cli-" + HexFormat.of().formatHex(hash).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static Optional<RouteTable> describe(Ec2Client ec2, String id) {
        return AwsCall.orEmpty(() -> ec2.describeRouteTables(r -> r.routeTableIds(id)).routeTables())
                .flatMap(l -> l.stream().findFirst());
    }

    private static Ec2Client ec2(RegionContext ctx) {
        return ctx.services(AwsClients.class).ec2();
    }
}

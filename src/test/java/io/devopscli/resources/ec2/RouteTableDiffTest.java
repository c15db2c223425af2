package io.devopscli.resources.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.engine.Refs;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.ec2.RouteTableSpec.DefaultRoute;
import io.devopscli.resources.ec2.RouteTableSpec.TargetKind;
import io.devopscli.resources.ec2.RouteTableState.Association;
import io.devopscli.resources.ec2.RouteTableState.DestinationType;
import io.devopscli.resources.ec2.RouteTableState.Route;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RouteTableDiffTest {
    private static final String R = "us-east-1";
    private static final ResourceKey VPC = new ResourceKey(R, "ec2/vpc", "main");
    private static final ResourceKey IGW = new ResourceKey(R, "ec2/internet-gateway", "main");
    private static final ResourceKey NAT = new ResourceKey(R, "ec2/nat-gateway", "us-east-1a");
    private static final ResourceKey SUBNET_A = new ResourceKey(R, "ec2/subnet", "public-a");
    private static final ResourceKey SUBNET_B = new ResourceKey(R, "ec2/subnet", "public-b");

    private static final RouteTableSpec PUBLIC = new RouteTableSpec("public", VPC, List.of(SUBNET_A, SUBNET_B),
            Optional.of(new DefaultRoute(TargetKind.INTERNET_GATEWAY, IGW)));
    private static final RouteTableSpec PRIVATE = new RouteTableSpec("private-a", VPC, List.of(SUBNET_A),
            Optional.of(new DefaultRoute(TargetKind.NAT_GATEWAY, NAT)));
    private static final RouteTableSpec ISOLATED = new RouteTableSpec("isolated", VPC, List.of(), Optional.empty());

    private static final Map<ResourceKey, String> ALL = Map.of(VPC, "vpc-1", IGW, "igw-1", NAT, "nat-1",
            SUBNET_A, "subnet-a", SUBNET_B, "subnet-b");

    static Stream<Arguments> cases() {
        List<Association> both = List.of(assoc("subnet-a"), assoc("subnet-b"));
        return Stream.of(
                Arguments.of("public in line", PUBLIC, state(route("igw-1"), List.of(), both, ALL), List.of()),
                Arguments.of("private through its nat", PRIVATE,
                        state(route("nat-1"), List.of(), List.of(assoc("subnet-a")), ALL), List.of()),
                Arguments.of("isolated without default route", ISOLATED, state(null, List.of(), List.of(), ALL), List.of()),
                Arguments.of("default route deleted by hand", PUBLIC, state(null, List.of(), both, ALL),
                        List.of("defaultRoute: igw:main <- none")),
                Arguments.of("default route to another gateway", PUBLIC, state(route("igw-9"), List.of(), both, ALL),
                        List.of("defaultRoute: igw:main <- igw:igw-9")),
                Arguments.of("default route to a gateway that is gone", PRIVATE,
                        state(new Route(DestinationType.IPV4, "0.0.0.0/0", "nat-1", true), List.of(),
                                List.of(assoc("subnet-a")), ALL),
                        List.of("defaultRoute: nat:us-east-1a <- nat:us-east-1a (blackhole)")),
                Arguments.of("private routed to the internet gateway", PRIVATE,
                        state(route("igw-1"), List.of(), List.of(assoc("subnet-a")), ALL),
                        List.of("defaultRoute: nat:us-east-1a <- igw:main")),
                Arguments.of("default route not wanted", ISOLATED,
                        state(route("igw-1"), List.of(), List.of(), Map.of(VPC, "vpc-1")),
                        List.of("defaultRoute: none <- igw:igw-1")),
                Arguments.of("nat not created yet", PRIVATE,
                        state(route("nat-1"), List.of(), List.of(assoc("subnet-a")), without(NAT)),
                        List.of("defaultRoute: nat:us-east-1a <- nat:nat-1")),
                Arguments.of("extra route added by hand", PUBLIC,
                        state(route("igw-1"), List.of(new Route(DestinationType.IPV4, "192.168.0.0/16", "pcx-1", false)),
                                both, ALL),
                        List.of("extraRoutes: [] <- [192.168.0.0/16 -> pcx-1]")),
                Arguments.of("association removed by hand", PUBLIC,
                        state(route("igw-1"), List.of(), List.of(assoc("subnet-b")), ALL),
                        List.of("associations: [public-a, public-b] <- [public-b]")),
                Arguments.of("foreign subnet associated", PUBLIC,
                        state(route("igw-1"), List.of(), List.of(assoc("subnet-a"), assoc("subnet-b"), assoc("subnet-x")), ALL),
                        List.of("associations: [public-a, public-b] <- [public-a, public-b, subnet-x]")),
                Arguments.of("in another vpc", PUBLIC,
                        new Observed(new RouteTableState("rtb-1", "vpc-9", Optional.of(route("igw-1")), List.of(), both),
                                Refs.of(ALL)),
                        List.of("vpc!: main <- vpc-9")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diff(String name, RouteTableSpec spec, Observed actual, List<String> expected) {
        assertEquals(expected, DiffFormat.of(new RouteTableReconciler().diff(spec, actual.state(), actual.parents())));
    }

    /** An observed table, with the parents' ids the engine would hand diff. */
    record Observed(RouteTableState state, Refs parents) {}

    private static Route route(String target) {
        return new Route(DestinationType.IPV4, "0.0.0.0/0", target, false);
    }

    private static Association assoc(String subnet) {
        return new Association("rtbassoc-" + subnet, subnet);
    }

    private static Observed state(Route defaultRoute, List<Route> extra, List<Association> associations,
                                  Map<ResourceKey, String> published) {
        return new Observed(new RouteTableState("rtb-1", "vpc-1", Optional.ofNullable(defaultRoute), extra, associations),
                Refs.of(published));
    }

    private static Map<ResourceKey, String> without(ResourceKey key) {
        Map<ResourceKey, String> ids = new HashMap<>(ALL);
        ids.remove(key);
        return ids;
    }
}

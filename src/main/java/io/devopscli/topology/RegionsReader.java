package io.devopscli.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads the regions list and checks what concerns several regions: names, the one primary, CIDR overlaps. */
final class RegionsReader {
    private static final List<String> KEYS = List.of("name", "role", "cidr");
    private static final List<String> ROLES = List.of("primary", "secondary");
    // the VPC sizes CreateVpc accepts
    private static final int LARGEST_VPC_PREFIX = 16;
    private static final int SMALLEST_VPC_PREFIX = 28;

    private record Entry(String path, Value<String> name, Value<RegionSpec.Role> role, Value<Cidr> cidr) {
        boolean complete() {
            return name.ok() && role.ok() && cidr.ok();
        }
    }

    private final Problems problems;

    RegionsReader(Problems problems) {
        this.problems = problems;
    }

    /** @param azs the AZ count per region, or 0 when it is invalid (then subnet room is not checked) */
    List<RegionSpec> read(MappingReader top, int azs) {
        Optional<SequenceNode> list = top.sequence("regions", true);
        if (list.isEmpty()) {
            return List.of();
        }
        List<Node> items = list.get().getValue();
        if (items.size() < 2) {
            problems.at(list.get(), "regions: a multi-region topology needs at least two regions (one primary and "
                    + "one or more secondaries), found " + items.size());
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "regions[" + i + "]";
            MappingReader.open(items.get(i), path, KEYS, problems).ifPresent(region -> entries.add(entry(region, path, azs)));
        }
        checkDuplicateNames(entries);
        checkOnePrimary(list.get(), entries);
        checkOverlaps(entries);
        return entries.stream().filter(Entry::complete)
                .map(e -> new RegionSpec(e.name().value(), e.role().value(), e.cidr().value().toString()))
                .toList();
    }

    private Entry entry(MappingReader region, String path, int azs) {
        Value<String> name = problems.check(region.string("name", null), path + ".name", n -> AwsRegions.isKnown(n)
                ? Optional.empty() : Optional.of("unknown AWS region '" + n + "'" + regionHint(n)));
        Value<String> roleText = problems.check(region.string("role", null), path + ".role", r -> ROLES.contains(r)
                ? Optional.empty() : Optional.of("'" + r + "' is not a role" + Suggestions.hint(r, ROLES)));
        Value<RegionSpec.Role> role = new Value<>(roleText.ok()
                ? RegionSpec.Role.valueOf(roleText.value().toUpperCase(Locale.ROOT)) : null, roleText.node());
        return new Entry(path, name, role, cidr(region, path, azs));
    }

    private Value<Cidr> cidr(MappingReader region, String path, int azs) {
        Value<String> text = region.string("cidr", null);
        if (!text.ok()) {
            return new Value<>(null, text.node());
        }
        String where = path + ".cidr: ";
        Cidr cidr;
        try {
            cidr = Cidr.parse(text.value());
        } catch (IllegalArgumentException e) {
            problems.at(text.node(), where + e.getMessage());
            return new Value<>(null, text.node());
        }
        if (cidr.prefix() < LARGEST_VPC_PREFIX || cidr.prefix() > SMALLEST_VPC_PREFIX) {
            problems.at(text.node(), where + "/" + cidr.prefix() + " is outside the VPC sizes AWS allows (/"
                    + LARGEST_VPC_PREFIX + " to /" + SMALLEST_VPC_PREFIX + ")");
            return new Value<>(null, text.node());
        }
        if (azs > 0 && SubnetLayout.subnetPrefix(cidr.prefix(), azs).isEmpty()) {
            problems.at(text.node(), where + SubnetLayout.tooSmall(cidr, azs));
        }
        // still usable for the overlap check, even when too small
        return new Value<>(cidr, text.node());
    }

    private static String regionHint(String name) {
        return Suggestions.closest(name, AwsRegions.NAMES).map(c -> "; did you mean '" + c + "'?")
                .orElse(" (expected a commercial region such as us-east-1 or eu-west-1)");
    }

    private void checkDuplicateNames(List<Entry> entries) {
        Map<String, Entry> first = new HashMap<>();
        for (Entry e : entries) {
            if (!e.name().ok()) {
                continue;
            }
            Entry earlier = first.putIfAbsent(e.name().value(), e);
            if (earlier != null) {
                problems.at(e.name().node(), e.path() + ".name: region " + e.name().value()
                        + " is listed twice (first at line " + Problems.lineOf(earlier.name().node()) + ")");
            }
        }
    }

    private void checkOnePrimary(SequenceNode list, List<Entry> entries) {
        List<Entry> primaries = entries.stream()
                .filter(e -> e.role().ok() && e.role().value() == RegionSpec.Role.PRIMARY).toList();
        boolean rolesReadable = entries.stream().allMatch(e -> e.role().ok());
        if (primaries.isEmpty() && rolesReadable && !entries.isEmpty()) {
            problems.at(list, "regions: no region has role primary; exactly one must");
        }
        for (Entry extra : primaries.subList(Math.min(1, primaries.size()), primaries.size())) {
            problems.at(extra.role().node(), extra.path() + ".role: only one region can be primary, and "
                    + describe(primaries.get(0)) + " already is");
        }
    }

    private void checkOverlaps(List<Entry> entries) {
        for (int j = 1; j < entries.size(); j++) {
            Entry later = entries.get(j);
            for (Entry earlier : entries.subList(0, j)) {
                if (later.cidr().ok() && earlier.cidr().ok() && later.cidr().value().overlaps(earlier.cidr().value())) {
                    problems.at(later.cidr().node(), later.path() + ".cidr: " + later.cidr().value() + " of "
                            + describe(later) + " overlaps " + earlier.cidr().value() + " of " + describe(earlier)
                            + "; every region's VPC needs its own address range");
                }
            }
        }
    }

    private static String describe(Entry e) {
        String name = e.name().ok() ? e.name().value() : e.path();
        return name + " (line " + Problems.lineOf(e.name().node()) + ")";
    }
}

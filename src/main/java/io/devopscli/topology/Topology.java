package io.devopscli.topology;

import java.util.List;
import java.util.Optional;

/** The whole desired architecture, as read and validated from config/topology.yaml. Immutable. */
public record Topology(
        String project,
        List<RegionSpec> regions,
        NetworkSpec network,
        AppSpec app,
        PipelineSpec pipeline,
        AlarmsSpec alarms,
        FailoverSpec failover) {

    public Topology {
        regions = List.copyOf(regions);
    }

    public RegionSpec primary() {
        return regions.stream().filter(RegionSpec::isPrimary).findFirst().orElseThrow();
    }

    public Optional<RegionSpec> region(String name) {
        return regions.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** The same topology limited to the named regions (the --regions option). */
    public Topology onlyRegions(List<String> names) {
        return new Topology(project, regions.stream().filter(r -> names.contains(r.name())).toList(),
                network, app, pipeline, alarms, failover);
    }
}

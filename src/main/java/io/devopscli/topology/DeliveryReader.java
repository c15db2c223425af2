package io.devopscli.topology;

import java.util.List;
import java.util.Optional;

/** Reads the sections about delivery and operations: pipeline, alarms and failover. */
final class DeliveryReader {
    private static final List<String> PIPELINE_KEYS = List.of("repository", "branch", "approval");
    private static final List<String> EMAIL_KEYS = List.of("email");
    private static final List<String> FAILOVER_KEYS = List.of("hostedZone", "domain");

    static final String DEFAULT_BRANCH = "main";
    static final String REPOSITORY_SUFFIX = "-repo";

    private final Problems problems;

    DeliveryReader(Problems problems) {
        this.problems = problems;
    }

    /** The repository defaults to "<project>-repo". */
    PipelineSpec pipeline(MappingReader top, String project) {
        Optional<MappingReader> section = top.mapping("pipeline", true, PIPELINE_KEYS);
        if (section.isEmpty()) {
            return new PipelineSpec(null, null, null);
        }
        MappingReader pipeline = section.get();
        Value<String> repository = problems.check(pipeline.string("repository", project + REPOSITORY_SUFFIX),
                "pipeline.repository", Names::repository);
        Value<String> branch = problems.check(pipeline.string("branch", DEFAULT_BRANCH), "pipeline.branch", Names::branch);
        return new PipelineSpec(repository.value(), branch.value(), email(pipeline, "approval"));
    }

    AlarmsSpec alarms(MappingReader top) {
        return new AlarmsSpec(email(top, "alarms"));
    }

    FailoverSpec failover(MappingReader top) {
        Optional<MappingReader> section = top.mapping("failover", true, FAILOVER_KEYS);
        if (section.isEmpty()) {
            return new FailoverSpec(null, null);
        }
        MappingReader failover = section.get();
        Value<String> zone = problems.check(failover.string("hostedZone", null), "failover.hostedZone", Names::dnsName);
        Value<String> domain = problems.check(failover.string("domain", null), "failover.domain", Names::dnsName);
        if (zone.ok() && domain.ok() && !Names.isInside(domain.value(), zone.value())) {
            problems.at(domain.node(), "failover.domain: " + domain.value() + " is not inside the hosted zone "
                    + zone.value() + "; Route 53 can only answer for names in its zone");
        }
        return new FailoverSpec(zone.ok() ? Names.dnsKey(zone.value()) : null,
                domain.ok() ? Names.dnsKey(domain.value()) : null);
    }

    private String email(MappingReader parent, String key) {
        return parent.mapping(key, true, EMAIL_KEYS)
                .map(section -> problems.check(section.string("email", null), section.path("email"), Names::email).value())
                .orElse(null);
    }
}

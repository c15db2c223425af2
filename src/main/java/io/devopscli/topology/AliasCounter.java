package io.devopscli.topology;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;

/**
 * Finds where a document passes the limit of aliases to collections. The composer enforces the limit but
 * reports it without a position; this replays the event stream (which never expands aliases) to find one.
 */
final class AliasCounter {
    private AliasCounter() {}

    static Optional<Mark> firstBeyondLimit(String yaml, LoadSettings settings) {
        Set<String> collections = new HashSet<>();
        int count = 0;
        for (Event event : new Parse(settings).parseString(yaml)) {
            if (event instanceof AliasEvent alias) {
                if (collections.contains(alias.getAlias().getValue()) && ++count > settings.getMaxAliasesForCollections()) {
                    return event.getStartMark();
                }
            } else if (event instanceof NodeEvent node && node.getAnchor().isPresent()) {
                // an anchor may be redefined: the latest definition decides what its aliases point at
                String anchor = node.getAnchor().get().getValue();
                if (event instanceof ScalarEvent) {
                    collections.remove(anchor);
                } else {
                    collections.add(anchor);
                }
            }
        }
        return Optional.empty();
    }
}

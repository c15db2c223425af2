package io.devopscli.resources.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.engine.FieldChange;
import io.devopscli.engine.ResourceKey;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricFilterReconcilerDiffTest {
    static final ResourceKey GROUP = new ResourceKey("us-east-1", "logs/log-group", "app-production");
    static final MetricFilterSpec SPEC = new MetricFilterSpec("p-production-server-errors", GROUP, "/p/web/production",
            "{ $.status >= 500 }", "p/App", "production-server-errors", "1", 0.0);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "in sync           | /p/web/production | { $.status >= 500 } | p/App | production-server-errors | 1 | 0.0  | ''",
            "pattern edited    | /p/web/production | ERROR               | p/App | production-server-errors | 1 | 0.0  | pattern",
            "metric renamed    | /p/web/production | { $.status >= 500 } | p/App | errors                   | 1 | 0.0  | metricTransformation",
            "namespace         | /p/web/production | { $.status >= 500 } | Other | production-server-errors | 1 | 0.0  | metricTransformation",
            "value             | /p/web/production | { $.status >= 500 } | p/App | production-server-errors | 2 | 0.0  | metricTransformation",
            "no default        | /p/web/production | { $.status >= 500 } | p/App | production-server-errors | 1 |      | metricTransformation",
            "other group       | /p/web/staging    | { $.status >= 500 } | p/App | production-server-errors | 1 | 0.0  | logGroup"})
    void diffNamesTheChangedField(String name, String group, String pattern, String namespace, String metric,
                                  String value, Double defaultValue, String field) {
        List<FieldChange> changes = new MetricFilterReconciler().diff(SPEC,
                new MetricFilterState(SPEC.name(), group, pattern, namespace, metric, value, defaultValue));
        assertEquals(field.isEmpty() ? List.of() : List.of(field), changes.stream().map(FieldChange::field).toList());
        changes.forEach(c -> assertEquals(c.field().equals("logGroup"), c.immutable(), "only the group forces a replace"));
    }
}

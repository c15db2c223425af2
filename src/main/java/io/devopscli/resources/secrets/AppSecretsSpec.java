package io.devopscli.resources.secrets;

import io.devopscli.topology.AppSpec.SecretRef;
import java.util.Map;
import java.util.TreeMap;

/** The secrets the app's task definitions name: variable name to where its value lives. */
public record AppSecretsSpec(Map<String, SecretRef> secrets) {
    public AppSecretsSpec {
        secrets = java.util.Collections.unmodifiableMap(new TreeMap<>(secrets));
    }
}

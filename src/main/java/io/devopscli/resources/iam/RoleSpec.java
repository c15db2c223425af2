package io.devopscli.resources.iam;

import io.devopscli.resources.ResourceTraits;

/**
 * An IAM role assumable by one service principal (a single string, which the emulator also insists on), with
 * one inline policy. IAM is global, so callers give each region its own role name.
 */
public record RoleSpec(String name, String servicePrincipal, String policyName, String policyDocument) implements ResourceTraits {
    /** A new role propagating through IAM before services may assume it. */
    public static final double SECONDS_TO_PROPAGATE = 8;

    @Override
    public double secondsToCreateOnAws() {
        return SECONDS_TO_PROPAGATE;
    }
}

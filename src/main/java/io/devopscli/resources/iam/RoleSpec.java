package io.devopscli.resources.iam;

/**
 * An IAM role assumable by one service principal (a single string, which the emulator also insists on), with
 * one inline policy. IAM is global, so callers give each region its own role name.
 */
public record RoleSpec(String name, String servicePrincipal, String policyName, String policyDocument) {}

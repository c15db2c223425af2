package io.devopscli.engine;

/**
 * Identifies one desired resource: region, type ("ec2/nat-gateway") and a short logical name ("us-east-1a").
 * Printed as region/type/name.
 */
public record ResourceKey(String region, String type, String name) implements Comparable<ResourceKey> {

    /** The service part of the type, "ec2" for "ec2/nat-gateway". */
    public String service() {
        int slash = type.indexOf('/');
        return slash < 0 ? type : type.substring(0, slash);
    }

    /** The kind part of the type, "nat-gateway" for "ec2/nat-gateway". */
    public String kind() {
        int slash = type.indexOf('/');
        return slash < 0 ? type : type.substring(slash + 1);
    }

    /** "ec2 nat-gateway us-east-1a in us-east-1": how messages name a resource. */
    public String describe() {
        return service() + " " + kind() + " " + name + " in " + region;
    }

    @Override
    public int compareTo(ResourceKey o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return region + "/" + type + "/" + name;
    }
}

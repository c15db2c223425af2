package io.devopscli.resources.route53;

/**
 * A public hosted zone as found. owned says the tool created it (see HostedZoneLookup.Found); a zone
 * that is not owned is only used for our records. foreignRecords says the zone holds records besides
 * its apex NS and SOA and our failover records: deleting it would take them along.
 */
public record HostedZoneState(String id, String name, boolean owned, boolean tagged, String comment,
                              boolean foreignRecords) {}

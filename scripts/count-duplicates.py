#!/usr/bin/env python3
"""Counts duplicates a run left: more than one resource of a project answering to one logical resource.

Reads the endpoint directly with boto3 (installed with moto in .venv), not through the tool: for each
region, EC2 resources carrying the project's ownership tag grouped by type and Name (NAT gateways that are
not deleted, Elastic IPs, VPCs, subnets, route tables, security groups, internet gateways, flow logs), and
globally Route 53 hosted zones per domain and health checks per Name tag (untagged ones with the project's
caller reference count too). Prints one JSON object; "duplicates" is the number of extra copies.

    .venv/bin/python scripts/count-duplicates.py --endpoint URL --project P --regions us-east-1,us-east-2
"""
import argparse
import collections
import json

import boto3

OWNER = "devops-cli:project"


def name_of(tags):
    return {t["Key"]: t["Value"] for t in tags or []}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--endpoint", required=True)
    p.add_argument("--project", required=True)
    p.add_argument("--regions", required=True)
    a = p.parse_args()
    kw = dict(endpoint_url=a.endpoint, aws_access_key_id="testing", aws_secret_access_key="testing")
    groups = collections.Counter()
    owned_filter = [{"Name": "tag:" + OWNER, "Values": [a.project]}]
    for region in a.regions.split(","):
        ec2 = boto3.client("ec2", region_name=region, **kw)
        listings = {
            "vpc": (ec2.describe_vpcs(Filters=owned_filter)["Vpcs"], "Tags"),
            "subnet": (ec2.describe_subnets(Filters=owned_filter)["Subnets"], "Tags"),
            "route-table": (ec2.describe_route_tables(Filters=owned_filter)["RouteTables"], "Tags"),
            "security-group": (ec2.describe_security_groups(Filters=owned_filter)["SecurityGroups"], "Tags"),
            "internet-gateway": (ec2.describe_internet_gateways(Filters=owned_filter)["InternetGateways"], "Tags"),
            "elastic-ip": (ec2.describe_addresses(Filters=owned_filter)["Addresses"], "Tags"),
            "flow-log": (ec2.describe_flow_logs()["FlowLogs"], "Tags"),
            # moto ignores tag filters on NAT gateways: filtered here
            "nat-gateway": ([n for n in ec2.describe_nat_gateways()["NatGateways"]
                             if n["State"] not in ("deleted", "deleting")], "Tags"),
        }
        for kind, (items, key) in listings.items():
            for item in items:
                tags = name_of(item.get(key))
                if tags.get(OWNER) == a.project:
                    groups[(region, kind, tags.get("Name", "?"))] += 1
    r53 = boto3.client("route53", region_name="us-east-1", **kw)
    for zone in r53.list_hosted_zones()["HostedZones"]:
        if zone.get("CallerReference", "").startswith(a.project + "-zone-"):
            groups[("global", "hosted-zone", zone["Name"])] += 1
    checks = r53.list_health_checks()["HealthChecks"]
    for hc in checks:
        ref = hc.get("CallerReference", "")
        if ref.startswith(a.project + "-hc-"):
            region = ref[len(a.project + "-hc-"):].rsplit("-", 1)[0]
            groups[("global", "health-check", region)] += 1
    dups = {"/".join(k): n for k, n in sorted(groups.items()) if n > 1}
    print(json.dumps({"resources": sum(groups.values()), "duplicates": sum(n - 1 for n in dups.values()),
                      "duplicated": dups}, sort_keys=True))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Seed a moto_server with Lambda event source mappings for Sluice's tests.

Talks to moto directly (not through the verifying proxy) with dummy
credentials. Creates one IAM role, a few functions and enough event sources
that every (source, function) pair is used at most once, as real Lambda
requires, then the mappings themselves, spread round-robin over the source
kinds moto 5.2.1 accepts: SQS standard, SQS FIFO, Kinesis, DynamoDB Streams.
(moto refuses MSK, Amazon MQ and DocumentDB ARNs with ResourceNotFoundException
"Invalid EventSourceArn", and self-managed Kafka with InvalidParameterValue
"Missing EventSourceArn", so those kinds cannot be seeded.)

Usage: seed.py --endpoint http://127.0.0.1:PORT --count 30 [--functions 5] [--json]
Prints the created mapping UUIDs (a JSON list with --json, else one a line).
"""

from __future__ import annotations

import argparse
import io
import json
import math
import sys
import time
import uuid
import zipfile
from concurrent.futures import ThreadPoolExecutor

import boto3
from botocore.config import Config

KINDS = ("sqs", "sqs-fifo", "kinesis", "dynamodb")
REGION = "us-east-1"
TRUST_POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
        ],
    }
)


def make_clients(endpoint: str, workers: int) -> dict:
    """boto3 clients for moto; the connection pool is sized for the worker threads."""
    session = boto3.session.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION
    )
    config = Config(retries={"max_attempts": 3}, max_pool_connections=max(10, workers))
    return {
        name: session.client(name, endpoint_url=endpoint, config=config)
        for name in ("iam", "lambda", "sqs", "kinesis", "dynamodb")
    }


def function_zip() -> bytes:
    """A minimal handler; moto stores the code but never runs it (no docker needed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.py", "def handler(event, context):\n    return None\n")
    return buffer.getvalue()


def create_functions(clients: dict, prefix: str, count: int) -> list[str]:
    role = clients["iam"].create_role(RoleName=f"{prefix}-role", AssumeRolePolicyDocument=TRUST_POLICY)
    code = function_zip()
    names = [f"{prefix}-fn-{i:02d}" for i in range(count)]
    for name in names:
        clients["lambda"].create_function(
            FunctionName=name,
            Runtime="python3.12",
            Role=role["Role"]["Arn"],
            Handler="index.handler",
            Code={"ZipFile": code},
        )
    return names


def create_source(clients: dict, kind: str, name: str) -> str:
    """Create one event source of `kind`; return its ARN."""
    if kind in ("sqs", "sqs-fifo"):
        fifo = kind == "sqs-fifo"
        url = clients["sqs"].create_queue(
            QueueName=f"{name}.fifo" if fifo else name,
            Attributes={"FifoQueue": "true"} if fifo else {},
        )["QueueUrl"]
        return clients["sqs"].get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
            "QueueArn"
        ]
    if kind == "kinesis":
        clients["kinesis"].create_stream(StreamName=name, ShardCount=1)
        return clients["kinesis"].describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]["StreamARN"]
    table = clients["dynamodb"].create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
    )
    return table["TableDescription"]["LatestStreamArn"]


def mapping_spec(kind: str, source_arn: str, function: str, index: int) -> dict:
    """Per-kind parameters with a little variety (batch sizes, starting positions)."""
    spec = {"EventSourceArn": source_arn, "FunctionName": function}
    if kind == "sqs":
        spec["BatchSize"] = (10, 5, 100)[index % 3]
        if spec["BatchSize"] > 10:
            spec["MaximumBatchingWindowInSeconds"] = 1  # required by Lambda for SQS batches > 10
    elif kind == "sqs-fifo":
        spec["BatchSize"] = (10, 1)[index % 2]
    else:
        spec["StartingPosition"] = ("TRIM_HORIZON", "LATEST")[index % 2]
        spec["BatchSize"] = (100, 500)[index % 2]
    return spec


def seed(endpoint: str, count: int, functions: int, prefix: str, workers: int) -> list[str]:
    """Create `count` mappings; return their UUIDs in creation order."""
    clients = make_clients(endpoint, workers)
    function_names = create_functions(clients, prefix, max(1, min(functions, count)))
    source_count = math.ceil(count / len(function_names)) if count else 0
    kinds = [KINDS[j % len(KINDS)] for j in range(source_count)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        source_arns = list(
            pool.map(lambda j: create_source(clients, kinds[j], f"{prefix}-src-{j:04d}"), range(source_count))
        )

        def create_mapping(i: int) -> str:
            source = i // len(function_names)
            spec = mapping_spec(kinds[source], source_arns[source], function_names[i % len(function_names)], i)
            return clients["lambda"].create_event_source_mapping(**spec)["UUID"]

        return list(pool.map(create_mapping, range(count)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--endpoint", required=True, help="moto URL, e.g. http://127.0.0.1:PORT")
    parser.add_argument("--count", type=int, default=30, help="number of mappings to create")
    parser.add_argument("--functions", type=int, default=5, help="number of functions to spread them over")
    parser.add_argument("--prefix", default=None, help="resource name prefix (default: random, so reruns never clash)")
    parser.add_argument("--workers", type=int, default=8, help="parallel requests to moto")
    parser.add_argument("--json", action="store_true", help="print the UUIDs as one JSON list")
    args = parser.parse_args(argv)

    prefix = args.prefix or f"seed-{uuid.uuid4().hex[:6]}"
    started = time.monotonic()
    uuids = seed(args.endpoint, args.count, args.functions, prefix, args.workers)
    elapsed = time.monotonic() - started
    print(json.dumps(uuids) if args.json else "\n".join(uuids))
    print(f"seeded {len(uuids)} mappings (prefix {prefix}) in {elapsed:.1f}s", file=sys.stderr)


if __name__ == "__main__":
    main()

import SluiceApp
import SluiceModel
import Testing

struct MappingSummaryTests {
  static func mapping(_ extra: [String: JSONValue]) -> EventSourceMapping {
    var document: [String: JSONValue] = [
      "UUID": "u-1", "State": "Enabled", "BatchSize": 10,
      "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:orders-worker:live",
    ]
    document.merge(extra) { _, new in new }
    return try! EventSourceMapping(document: document)
  }

  @Test(arguments: [
    ("arn:aws:sqs:us-east-1:123456789012:orders.fifo", "orders.fifo", "SQS FIFO"),
    ("arn:aws:kinesis:us-east-1:123456789012:stream/clicks", "clicks", "Kinesis"),
    (
      "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2026-01-01T00:00:00.000",
      "orders (stream 2026-01-01)", "DynamoDB"
    ),
    ("arn:aws:rds:us-east-1:123456789012:cluster:docs", "docs", "DocumentDB"),
    ("arn:aws:s3:::bucket", "bucket", "?"),
  ])
  func namesTheSource(_ arn: String, _ name: String, _ kind: String) {
    let mapping = Self.mapping(["EventSourceArn": .string(arn)])
    #expect(MappingSummary.sourceName(mapping) == name)
    #expect(MappingSummary.kindName(mapping) == kind)
    #expect(MappingSummary.functionName(mapping) == "orders-worker:live")
  }

  @Test func kafkaAndMQNamesIncludeTheTopicOrQueue() {
    let msk = Self.mapping([
      "EventSourceArn": "arn:aws:kafka:us-east-1:123456789012:cluster/sales/abcd-1",
      "Topics": ["orders"],
    ])
    #expect(MappingSummary.sourceName(msk) == "sales/orders")
    let mq = Self.mapping([
      "EventSourceArn": "arn:aws:mq:us-east-1:123456789012:broker:main:b-1", "Queues": ["jobs"],
    ])
    #expect(MappingSummary.sourceName(mq) == "main/jobs")
    let selfManaged = Self.mapping([
      "SelfManagedEventSource": ["Endpoints": ["KAFKA_BOOTSTRAP_SERVERS": ["b-1:9092"]]],
      "Topics": ["t"],
    ])
    #expect(MappingSummary.sourceName(selfManaged) == "t")
  }

  @Test func tableAlignsColumnsAndSanitises() {
    let rows = [
      Self.mapping(["EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:orders"]),
      Self.mapping([
        "UUID": "u-2",
        "EventSourceArn": "arn:aws:kinesis:us-east-1:123456789012:stream/evil\u{1B}[2J",
        "State": "Disabled",
      ]),
    ]
    let lines = MappingTable.render(rows).split(separator: "\n")
    #expect(lines[0] == "UUID  STATE     FUNCTION            KIND     SOURCE     BATCH")
    #expect(lines[1] == "u-1   Enabled   orders-worker:live  SQS      orders     10")
    #expect(lines[2] == "u-2   Disabled  orders-worker:live  Kinesis  evil^[[2J  10")
  }

  @Test func detailsShowValuesAndDefaultsForTheKind() {
    let mapping = Self.mapping([
      "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:orders.fifo",
      "ScalingConfig": ["MaximumConcurrency": 5],
    ])
    let lines = MappingDetails.render(mapping).split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("Kind ") && $0.hasSuffix("SQS FIFO queues") })
    #expect(
      lines.contains { $0.hasPrefix("ScalingConfig.MaximumConcurrency ") && $0.hasSuffix(" 5") })
    #expect(
      lines.contains { $0.hasPrefix("FunctionResponseTypes ") && $0.contains("(default: none") })
    #expect(!lines.contains { $0.hasPrefix("MaximumBatchingWindowInSeconds") })
    #expect(!lines.contains { $0.hasPrefix("ParallelizationFactor") })
  }
}

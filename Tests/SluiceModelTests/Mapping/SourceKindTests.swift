import SluiceModel
import Testing

struct SourceKindTests {
  @Test(arguments: [
    ("arn:aws:sqs:us-west-2:123456789012:my-queue", SourceKind.sqsStandard),
    ("arn:aws:sqs:us-west-2:123456789012:my-queue.fifo", .sqsFIFO),
    ("arn:aws-cn:sqs:cn-north-1:123456789012:q", .sqsStandard),
    ("arn:aws:kinesis:us-east-1:123456789012:stream/clicks", .kinesis),
    ("arn:aws:kinesis:us-east-1:123456789012:stream/clicks/consumer/c:1700000000", .kinesis),
    (
      "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2026-01-01T00:00:00.000",
      .dynamoDBStreams
    ),
    ("arn:aws:kafka:us-east-1:123456789012:cluster/SalesCluster/abcd1234-1", .msk),
    ("arn:aws:mq:us-west-2:112556298976:broker:test:b-9bcfa592-423a", .amazonMQ),
    ("arn:aws-us-gov:rds:us-gov-west-1:123456789012:cluster:docs", .documentDB),
  ])
  func classifiesBySourceArn(_ arn: String, _ kind: SourceKind) {
    #expect(
      SourceKind(eventSourceArn: arn, hasSelfManagedEventSource: false, hasDocumentDBConfig: false)
        == kind)
  }

  @Test func selfManagedKafkaHasNoArn() {
    #expect(
      SourceKind(eventSourceArn: nil, hasSelfManagedEventSource: true, hasDocumentDBConfig: false)
        == .selfManagedKafka)
    #expect(
      SourceKind(eventSourceArn: "", hasSelfManagedEventSource: false, hasDocumentDBConfig: true)
        == .documentDB)
    #expect(
      SourceKind(eventSourceArn: nil, hasSelfManagedEventSource: false, hasDocumentDBConfig: false)
        == nil)
    #expect(
      SourceKind(
        eventSourceArn: "arn:aws:s3:::bucket", hasSelfManagedEventSource: false,
        hasDocumentDBConfig: false) == nil)
    #expect(
      SourceKind(
        eventSourceArn: "garbage", hasSelfManagedEventSource: false, hasDocumentDBConfig: false)
        == nil)
  }

  @Test func fixturesCoverEveryKind() {
    #expect(SourceKind.allCases.map { Fixtures.mapping($0).sourceKind } == SourceKind.allCases)
  }
}

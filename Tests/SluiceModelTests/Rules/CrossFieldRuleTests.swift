import SluiceModel
import Testing

struct CrossFieldRuleTests {
  @Test func sqsStandardBatchAboveTenNeedsAWindow() {
    let noWindow: [String: JSONValue] = ["MaximumBatchingWindowInSeconds": 0]
    #expect(Fixtures.errors(.sqsStandard, ["BatchSize": 10], mapping: noWindow).isEmpty)
    let refused = Fixtures.errors(.sqsStandard, ["BatchSize": 11], mapping: noWindow)
    #expect(refused.map(\.rule) == ["sqs-batch-window"])
    #expect(refused.first?.path == "BatchSize")
    #expect(
      Fixtures.errors(
        .sqsStandard, ["BatchSize": 11, "MaximumBatchingWindowInSeconds": 1], mapping: noWindow
      )
      .isEmpty)
  }

  @Test func loweringTheWindowUnderALargeBatchIsRefusedOnTheWindow() {
    let errors = Fixtures.errors(
      .sqsStandard, ["MaximumBatchingWindowInSeconds": 0],
      mapping: ["BatchSize": 50, "MaximumBatchingWindowInSeconds": 5])
    #expect(errors.map(\.path) == ["MaximumBatchingWindowInSeconds"])
    #expect(errors.first?.message.contains("BatchSize 50") == true)
  }

  @Test(arguments: [SourceKind.kinesis, .dynamoDBStreams, .msk, .amazonMQ])
  func otherKindsTakeLargeBatchesWithoutAWindow(_ kind: SourceKind) {
    let body: [String: JSONValue] = ["BatchSize": 500]
    #expect(Fixtures.errors(kind, body, mapping: ["MaximumBatchingWindowInSeconds": 0]).isEmpty)
  }

  @Test(arguments: [SourceKind.msk, .selfManagedKafka, .amazonMQ, .documentDB])
  func warnsThatTheHalfSecondDefaultWindowIsLost(_ kind: SourceKind) {
    let findings = Fixtures.findings(kind, ["MaximumBatchingWindowInSeconds": 2])
    #expect(findings.map(\.rule) == ["default-window-lost"])
    #expect(findings.first?.severity == .warning)
  }

  @Test func noHalfSecondWarningForStreamsAndQueues() {
    for kind in [SourceKind.kinesis, .sqsStandard] {
      #expect(Fixtures.findings(kind, ["MaximumBatchingWindowInSeconds": 2]).isEmpty)
    }
  }

  @Test func minimumPollersMayNotExceedMaximum() {
    let ok: [String: JSONValue] = [
      "ProvisionedPollerConfig": ["MinimumPollers": 5, "MaximumPollers": 5]
    ]
    #expect(Fixtures.errors(.msk, ok).isEmpty)
    let bad: [String: JSONValue] = [
      "ProvisionedPollerConfig": ["MinimumPollers": 6, "MaximumPollers": 5]
    ]
    #expect(Fixtures.errors(.msk, bad).map(\.rule) == ["poller-bounds"])
    let group: [String: JSONValue] = ["ProvisionedPollerConfig": ["PollerGroupName": "shared-1"]]
    #expect(Fixtures.errors(.msk, group).isEmpty)
    #expect(Fixtures.errors(.sqsStandard, group).map(\.rule) == ["not-for-kind"])
  }

  @Test(arguments: [
    ("orders-worker", true),
    (String(repeating: "f", count: 64), true),
    (String(repeating: "f", count: 65), false),
    ("arn:aws:lambda:us-west-2:123456789012:function:MyFunction", true),
    ("arn:aws:lambda:us-west-2:123456789012:function:MyFunction:PROD", true),
    ("arn:aws:lambda:us-west-2:123456789012:function:MyFunction:$LATEST", true),
    ("123456789012:function:MyFunction", true),
    ("arn:aws:lambda:us-west-2:123456789012:function:" + String(repeating: "f", count: 65), false),
    ("my function", false),
    ("", false),
  ])
  func functionNameForms(_ name: String, _ accepted: Bool) {
    let errors = Fixtures.errors(.sqsStandard, ["FunctionName": .string(name)])
    #expect(errors.isEmpty == accepted, "\(name): \(errors)")
    #expect(errors.allSatisfy { $0.path == "FunctionName" })
  }

  @Test func fullArnIsLimitedTo256Characters() {
    let long =
      "arn:aws:lambda:us-west-2:123456789012:function:f:" + String(repeating: "a", count: 210)
    #expect(Fixtures.errors(.kinesis, ["FunctionName": .string(long)]).map(\.rule) == ["length"])
  }

  @Test func destinations() {
    let onSuccess: [String: JSONValue] = [
      "DestinationConfig": ["OnSuccess": ["Destination": "arn:aws:sqs:us-east-1:123456789012:ok"]]
    ]
    #expect(Fixtures.errors(.kinesis, onSuccess).map(\.rule) == ["on-success"])
    func onFailure(_ target: String) -> [String: JSONValue] {
      ["DestinationConfig": ["OnFailure": ["Destination": .string(target)]]]
    }
    #expect(Fixtures.errors(.kinesis, onFailure("arn:aws:sqs:us-east-1:123456789012:dlq")).isEmpty)
    #expect(
      Fixtures.errors(.dynamoDBStreams, onFailure("arn:aws:sns:us-east-1:123456789012:t")).isEmpty)
    #expect(Fixtures.errors(.msk, onFailure("kafka://failed-orders")).isEmpty)
    #expect(
      Fixtures.errors(.kinesis, onFailure("kafka://failed-orders")).map(\.rule) == [
        "destination-kind"
      ])
    #expect(
      Fixtures.errors(.kinesis, onFailure("arn:aws:lambda:us-east-1:123456789012:function:f")).map(
        \.rule)
        == ["destination-service"])
    #expect(Fixtures.errors(.kinesis, onFailure("not-an-arn")).map(\.rule) == ["pattern"])
    #expect(
      Fixtures.errors(.sqsStandard, onFailure("arn:aws:sqs:us-east-1:123456789012:dlq")).map(\.rule)
        == ["not-for-kind"])
  }

  @Test func metricsPerKind() {
    let kafkaMetrics: [String: JSONValue] = [
      "MetricsConfig": ["Metrics": ["EventCount", "ErrorCount", "KafkaMetrics"]]
    ]
    #expect(Fixtures.errors(.msk, kafkaMetrics).isEmpty)
    #expect(
      Fixtures.errors(.sqsStandard, kafkaMetrics).map(\.rule) == ["metric-kind", "metric-kind"])
    #expect(Fixtures.errors(.sqsStandard, ["MetricsConfig": ["Metrics": ["EventCount"]]]).isEmpty)
    #expect(
      Fixtures.errors(.msk, ["MetricsConfig": ["Metrics": ["Bytes"]]]).map(\.rule) == ["choice"])
    let four: [String: JSONValue] = [
      "MetricsConfig": ["Metrics": ["EventCount", "ErrorCount", "KafkaMetrics", "EventCount"]]
    ]
    #expect(Set(Fixtures.errors(.msk, four).map(\.rule)) == ["count", "duplicate"])
  }

  @Test func loggingAndResponseTypesAndFullDocument() {
    #expect(
      Fixtures.errors(.selfManagedKafka, ["LoggingConfig": ["SystemLogLevel": "DEBUG"]]).isEmpty)
    #expect(
      Fixtures.errors(.msk, ["LoggingConfig": ["SystemLogLevel": "TRACE"]]).map(\.rule) == [
        "choice"
      ])
    #expect(
      Fixtures.errors(.sqsStandard, ["LoggingConfig": ["SystemLogLevel": "INFO"]]).map(\.rule) == [
        "not-for-kind"
      ])
    #expect(
      Fixtures.errors(.sqsFIFO, ["FunctionResponseTypes": ["ReportBatchItemFailures"]]).isEmpty)
    #expect(
      Fixtures.errors(.kinesis, ["FunctionResponseTypes": ["Nope"]]).map(\.rule) == ["choice"])
    #expect(
      Fixtures.errors(.amazonMQ, ["FunctionResponseTypes": ["ReportBatchItemFailures"]]).map(\.rule)
        == ["not-for-kind"])
    let lookup: [String: JSONValue] = [
      "DocumentDBEventSourceConfig": ["DatabaseName": "shop", "FullDocument": "UpdateLookup"]
    ]
    #expect(Fixtures.errors(.documentDB, lookup).isEmpty)
    let bad: [String: JSONValue] = [
      "DocumentDBEventSourceConfig": ["DatabaseName": "shop", "FullDocument": "Full"]
    ]
    #expect(Fixtures.errors(.documentDB, bad).map(\.rule) == ["choice"])
  }

  @Test(arguments: [
    ("shop", true), (String(repeating: "d", count: 63), true),
    (String(repeating: "d", count: 64), false),
    ("my.db", false), ("my db", false), ("a/b", false), ("a$b", false), ("a\"b", false),
  ])
  func documentDBDatabaseNames(_ name: String, _ accepted: Bool) {
    let body: [String: JSONValue] = ["DocumentDBEventSourceConfig": ["DatabaseName": .string(name)]]
    let errors = Fixtures.errors(.documentDB, body)
    #expect(errors.isEmpty == accepted, "\(name): \(errors)")
  }

  @Test(arguments: [
    ("orders", true), ("_private", true), (String(repeating: "c", count: 57), true),
    (String(repeating: "c", count: 58), false), ("system.users", false), ("a$b", false),
    ("-x", false),
  ])
  func documentDBCollectionNames(_ name: String, _ accepted: Bool) {
    let body: [String: JSONValue] = [
      "DocumentDBEventSourceConfig": ["DatabaseName": "shop", "CollectionName": .string(name)]
    ]
    let errors = Fixtures.errors(.documentDB, body)
    #expect(errors.isEmpty == accepted, "\(name): \(errors)")
    #expect(errors.allSatisfy { $0.path == "DocumentDBEventSourceConfig.CollectionName" })
  }

  @Test func kafkaConsumerGroupIsFixedAndSchemaRegistryIsUnconfirmed() {
    let regroup: [String: JSONValue] = [
      "AmazonManagedKafkaEventSourceConfig": ["ConsumerGroupId": "other"]
    ]
    #expect(Fixtures.errors(.msk, regroup).map(\.rule) == ["create-only"])
    let registry: [String: JSONValue] = [
      "SelfManagedKafkaEventSourceConfig": [
        "ConsumerGroupId": "orders-group",
        "SchemaRegistryConfig": [
          "SchemaRegistryURI": "https://registry.example.com", "EventRecordFormat": "JSON",
        ],
      ]
    ]
    let findings = Fixtures.findings(.selfManagedKafka, registry)
    #expect(findings.map(\.rule) == ["unconfirmed-update"])
    #expect(findings.first?.severity == .warning)
  }

  @Test func kmsKeyForFilters() {
    let key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    #expect(Fixtures.errors(.sqsStandard, ["KMSKeyArn": .string(key)]).isEmpty)
    #expect(Fixtures.errors(.sqsStandard, ["KMSKeyArn": "not-a-key"]).map(\.rule) == ["pattern"])
    #expect(
      Fixtures.errors(.documentDB, ["KMSKeyArn": .string(key)]).map(\.rule) == ["not-for-kind"])
  }
}

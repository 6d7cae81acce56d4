import SluiceModel

/// Mappings of every kind, shaped like real GetEventSourceMapping responses.
enum Fixtures {
  static let account = "123456789012"

  static func sourceArn(_ kind: SourceKind) -> String? {
    switch kind {
    case .sqsStandard: "arn:aws:sqs:us-east-1:\(account):orders"
    case .sqsFIFO: "arn:aws:sqs:us-east-1:\(account):orders.fifo"
    case .kinesis: "arn:aws:kinesis:us-east-1:\(account):stream/clicks"
    case .dynamoDBStreams:
      "arn:aws:dynamodb:us-east-1:\(account):table/orders/stream/2026-01-01T00:00:00.000"
    case .msk:
      "arn:aws:kafka:us-east-1:\(account):cluster/sales/abcd1234-0000-4000-8000-000000000001-1"
    case .selfManagedKafka: nil
    case .amazonMQ:
      "arn:aws:mq:us-east-1:\(account):broker:main:b-9bcfa592-423a-4942-879d-eb284b418fc8"
    case .documentDB: "arn:aws:rds:us-east-1:\(account):cluster:docs"
    }
  }

  /// A mapping of the given kind with the members its kind carries, plus `extra` on top.
  static func mapping(_ kind: SourceKind, _ extra: [String: JSONValue] = [:]) -> EventSourceMapping
  {
    var document: [String: JSONValue] = [
      "UUID": "14e0db71-9c2a-4eb5-b481-8945cf9d10c2",
      "FunctionArn": .string("arn:aws:lambda:us-east-1:\(account):function:orders-worker"),
      "State": "Enabled",
      "LastModified": 1_764_317_520,
      "BatchSize": SourceKind.sqs.contains(kind) ? 10 : 100,
    ]
    if let arn = sourceArn(kind) { document["EventSourceArn"] = .string(arn) }
    switch kind {
    case .sqsStandard: document["MaximumBatchingWindowInSeconds"] = 5
    case .kinesis, .dynamoDBStreams:
      document["MaximumBatchingWindowInSeconds"] = 0
      document["StartingPosition"] = "LATEST"
      document["ParallelizationFactor"] = 1
    case .selfManagedKafka:
      document["SelfManagedEventSource"] = [
        "Endpoints": ["KAFKA_BOOTSTRAP_SERVERS": ["b-1.example.com:9092"]]
      ]
      document["Topics"] = ["orders"]
      document["SelfManagedKafkaEventSourceConfig"] = ["ConsumerGroupId": "orders-group"]
    case .msk:
      document["Topics"] = ["orders"]
      document["AmazonManagedKafkaEventSourceConfig"] = ["ConsumerGroupId": "orders-group"]
    case .documentDB:
      document["DocumentDBEventSourceConfig"] = ["DatabaseName": "shop", "FullDocument": "Default"]
    default: break
    }
    for (key, value) in extra { document[key] = value }
    return try! EventSourceMapping(document: document)
  }

  /// The findings for an update body applied to a mapping of the given kind.
  static func findings(
    _ kind: SourceKind, _ body: [String: JSONValue], mapping extra: [String: JSONValue] = [:]
  ) -> [Finding] {
    Validator.validate(Draft(mapping: mapping(kind, extra), changes: body))
  }

  /// The error findings only.
  static func errors(
    _ kind: SourceKind, _ body: [String: JSONValue], mapping extra: [String: JSONValue] = [:]
  ) -> [Finding] {
    findings(kind, body, mapping: extra).filter { $0.severity == .error }
  }
}

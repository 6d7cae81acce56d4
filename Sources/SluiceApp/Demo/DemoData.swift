import Foundation
import SluiceModel

/// The demo account's mappings: a small shop's order pipeline over every source kind, with a few
/// mappings paused, one updating and two reporting problems.
enum DemoData {
  static let account = "123456789012"
  static let region = "us-east-1"

  struct Source {
    let kind: SourceKind
    let name: String
    let function: String
  }

  static let sources: [Source] = [
    Source(kind: .sqsStandard, name: "orders", function: "orders-worker"),
    Source(kind: .sqsFIFO, name: "orders.fifo", function: "orders-sequencer"),
    Source(kind: .kinesis, name: "clickstream", function: "clicks-aggregator"),
    Source(kind: .dynamoDBStreams, name: "orders", function: "orders-indexer"),
    Source(kind: .msk, name: "sales", function: "orders-billing"),
    Source(kind: .selfManagedKafka, name: "inventory", function: "stock-sync"),
    Source(kind: .amazonMQ, name: "legacy-broker", function: "erp-bridge"),
    Source(kind: .documentDB, name: "catalog", function: "catalog-search-sync"),
    Source(kind: .sqsStandard, name: "emails", function: "mailer"),
    Source(kind: .sqsStandard, name: "refunds", function: "refunds-worker"),
    Source(kind: .kinesis, name: "payments", function: "fraud-scorer"),
    Source(kind: .dynamoDBStreams, name: "customers", function: "crm-sync"),
  ]

  static func mappings(count: Int, now: Date) -> [[String: JSONValue]] {
    (0..<count).map { index in
      let source = sources[index % sources.count]
      let round = index / sources.count
      let suffix = round == 0 ? "" : "-\(round + 1)"
      return document(source, index: index, suffix: suffix, now: now)
    }
  }

  private static func document(_ source: Source, index: Int, suffix: String, now: Date) -> [String:
    JSONValue]
  {
    let uuid = String(
      format: "%08x-%04x-4%03x-8%03x-%012x", 0x14e0_db71 &+ index * 7919, index, index % 4096,
      (index * 31) % 4096, index * 104_729)
    var document: [String: JSONValue] = [
      "UUID": .string(uuid),
      "FunctionArn": .string(
        "arn:aws:lambda:\(region):\(account):function:\(source.function)\(suffix)"),
      "EventSourceMappingArn": .string(
        "arn:aws:lambda:\(region):\(account):event-source-mapping:\(uuid)"),
      "State": index % 9 == 4 ? "Disabled" : "Enabled",
      "StateTransitionReason": "USER_INITIATED",
      "LastProcessingResult": index % 11 == 3 ? "PROBLEM: Function call failed" : "OK",
      "LastModified": .number(now.timeIntervalSince1970 - Double((index * 7717) % 1_900_000)),
      "BatchSize": SourceKind.sqs.contains(source.kind) ? 10 : 100,
    ]
    let name = source.name + suffix
    switch source.kind {
    case .sqsStandard, .sqsFIFO:
      document["EventSourceArn"] = .string(
        "arn:aws:sqs:\(region):\(account):\(name.replacingOccurrences(of: ".fifo\(suffix)", with: "\(suffix).fifo"))"
      )
      if source.kind == .sqsStandard {
        document["MaximumBatchingWindowInSeconds"] = 0
        document["ScalingConfig"] = ["MaximumConcurrency": 20]
      }
      document["FunctionResponseTypes"] = ["ReportBatchItemFailures"]
    case .kinesis, .dynamoDBStreams:
      document["EventSourceArn"] = .string(
        source.kind == .kinesis
          ? "arn:aws:kinesis:\(region):\(account):stream/\(name)"
          : "arn:aws:dynamodb:\(region):\(account):table/\(name)/stream/2026-01-01T00:00:00.000")
      document["StartingPosition"] = "LATEST"
      document["MaximumBatchingWindowInSeconds"] = 0
      document["ParallelizationFactor"] = 1
      document["MaximumRecordAgeInSeconds"] = -1
      document["MaximumRetryAttempts"] = -1
      document["BisectBatchOnFunctionError"] = false
      document["TumblingWindowInSeconds"] = 0
      document["DestinationConfig"] = [
        "OnFailure": ["Destination": .string("arn:aws:sqs:\(region):\(account):\(name)-dlq")]
      ]
    case .msk:
      document["EventSourceArn"] = .string(
        "arn:aws:kafka:\(region):\(account):cluster/\(name)/a1b2c3d4-5678-90ab-cdef-\(String(format: "%012d", index))-1"
      )
      document["Topics"] = ["orders"]
      document["StartingPosition"] = "TRIM_HORIZON"
      document["AmazonManagedKafkaEventSourceConfig"] = [
        "ConsumerGroupId": .string("\(source.function)\(suffix)")
      ]
    case .selfManagedKafka:
      document["SelfManagedEventSource"] = [
        "Endpoints": [
          "KAFKA_BOOTSTRAP_SERVERS": ["kafka-1.internal:9092", "kafka-2.internal:9092"]
        ]
      ]
      document["Topics"] = .array([.string(name)])
      document["StartingPosition"] = "LATEST"
      document["SourceAccessConfigurations"] = [
        [
          "Type": "SASL_SCRAM_512_AUTH",
          "URI": .string("arn:aws:secretsmanager:\(region):\(account):secret:kafka-AbCdEf"),
        ],
        ["Type": "VPC_SUBNET", "URI": "subnet-0a1b2c3d"],
      ]
      document["SelfManagedKafkaEventSourceConfig"] = [
        "ConsumerGroupId": .string("\(source.function)\(suffix)")
      ]
    case .amazonMQ:
      document["EventSourceArn"] = .string(
        "arn:aws:mq:\(region):\(account):broker:\(name):b-9bcfa592-423a-4942-879d-eb284b418fc8")
      document["Queues"] = ["erp.outbound"]
      document["SourceAccessConfigurations"] = [
        [
          "Type": "BASIC_AUTH",
          "URI": .string("arn:aws:secretsmanager:\(region):\(account):secret:mq-AbCdEf"),
        ]
      ]
    case .documentDB:
      document["EventSourceArn"] = .string("arn:aws:rds:\(region):\(account):cluster:\(name)")
      document["StartingPosition"] = "LATEST"
      document["DocumentDBEventSourceConfig"] = [
        "DatabaseName": "shop", "CollectionName": "products", "FullDocument": "UpdateLookup",
      ]
    }
    return document
  }
}

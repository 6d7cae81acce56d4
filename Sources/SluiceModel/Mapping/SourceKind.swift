/// The kind of source that feeds a mapping.
///
/// Almost every rule about an event source mapping depends on what it reads from (FIFO queues take
/// at most 10 records, only streams have a parallelization factor, ...), so the kind is derived once
/// from the mapping and passed to the catalogue and the validator.
public enum SourceKind: String, CaseIterable, Sendable, Codable {
  case sqsStandard
  case sqsFIFO
  case kinesis
  case dynamoDBStreams
  case msk
  case selfManagedKafka
  case amazonMQ
  case documentDB

  /// A short name for tables and titles.
  public var shortName: String {
    switch self {
    case .sqsStandard: "SQS"
    case .sqsFIFO: "SQS FIFO"
    case .kinesis: "Kinesis"
    case .dynamoDBStreams: "DynamoDB"
    case .msk: "MSK"
    case .selfManagedKafka: "Kafka"
    case .amazonMQ: "MQ"
    case .documentDB: "DocumentDB"
    }
  }

  /// The name used in sentences, such as validator messages.
  public var displayName: String {
    switch self {
    case .sqsStandard: "SQS standard queues"
    case .sqsFIFO: "SQS FIFO queues"
    case .kinesis: "Kinesis streams"
    case .dynamoDBStreams: "DynamoDB streams"
    case .msk: "Amazon MSK"
    case .selfManagedKafka: "self-managed Kafka"
    case .amazonMQ: "Amazon MQ"
    case .documentDB: "DocumentDB"
    }
  }

  /// Both SQS kinds.
  public static let sqs: Set<SourceKind> = [.sqsStandard, .sqsFIFO]
  /// Kinesis and DynamoDB Streams.
  public static let streams: Set<SourceKind> = [.kinesis, .dynamoDBStreams]
  /// Amazon MSK and self-managed Kafka.
  public static let kafka: Set<SourceKind> = [.msk, .selfManagedKafka]
  /// Every kind.
  public static let all = Set(allCases)

  /// Classifies a mapping from its source ARN, falling back to the members only some kinds carry.
  ///
  /// Returns nil when nothing identifies the source; callers then skip the kind-specific rules.
  public init?(eventSourceArn: String?, hasSelfManagedEventSource: Bool, hasDocumentDBConfig: Bool)
  {
    if let arn = eventSourceArn, !arn.isEmpty {
      let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
      guard parts.count >= 6, parts[0] == "arn" else { return nil }
      let resource = parts[5...].joined(separator: ":")
      switch parts[2] {
      case "sqs": self = resource.hasSuffix(".fifo") ? .sqsFIFO : .sqsStandard
      case "kinesis": self = .kinesis
      case "dynamodb": self = .dynamoDBStreams
      case "kafka": self = .msk
      case "mq": self = .amazonMQ
      case "rds", "docdb": self = .documentDB
      default: return nil
      }
    } else if hasSelfManagedEventSource {
      self = .selfManagedKafka
    } else if hasDocumentDBConfig {
      self = .documentDB
    } else {
      return nil
    }
  }
}

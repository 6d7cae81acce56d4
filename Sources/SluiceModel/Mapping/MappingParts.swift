/// The nested structures of a mapping, typed as the API model declares them.
///
/// They are read-only views: edits work on the JSON document, so members this version does not
/// know are carried along rather than dropped.

/// `FilterCriteria`: the filters whose patterns decide which records reach the function.
public struct FilterCriteria: Codable, Sendable, Equatable {
  public var filters: [Filter]?
  enum CodingKeys: String, CodingKey { case filters = "Filters" }
}

/// One filter: a pattern, itself JSON held in a string.
public struct Filter: Codable, Sendable, Equatable {
  public var pattern: String?
  enum CodingKeys: String, CodingKey { case pattern = "Pattern" }
}

/// Where records go after processing; only `OnFailure` can be set on a mapping.
public struct DestinationConfig: Codable, Sendable, Equatable {
  public var onSuccess: Destination?
  public var onFailure: Destination?
  enum CodingKeys: String, CodingKey {
    case onSuccess = "OnSuccess"
    case onFailure = "OnFailure"
  }
}

/// A destination ARN (or a `kafka://` topic URI).
public struct Destination: Codable, Sendable, Equatable {
  public var destination: String?
  enum CodingKeys: String, CodingKey { case destination = "Destination" }
}

/// Credentials, network placement or virtual host for Kafka and MQ sources.
public struct SourceAccessConfiguration: Codable, Sendable, Equatable {
  public var type: String?
  public var uri: String?
  enum CodingKeys: String, CodingKey {
    case type = "Type"
    case uri = "URI"
  }
}

/// The brokers of a self-managed Kafka cluster.
public struct SelfManagedEventSource: Codable, Sendable, Equatable {
  public var endpoints: [String: [String]]?
  enum CodingKeys: String, CodingKey { case endpoints = "Endpoints" }
}

/// Kafka consumer settings, the same shape for MSK and self-managed Kafka.
public struct KafkaEventSourceConfig: Codable, Sendable, Equatable {
  public var consumerGroupId: String?
  public var schemaRegistryConfig: JSONValue?
  enum CodingKeys: String, CodingKey {
    case consumerGroupId = "ConsumerGroupId"
    case schemaRegistryConfig = "SchemaRegistryConfig"
  }
}

/// The SQS concurrency cap.
public struct ScalingConfig: Codable, Sendable, Equatable {
  public var maximumConcurrency: Int?
  enum CodingKeys: String, CodingKey { case maximumConcurrency = "MaximumConcurrency" }
}

/// Which DocumentDB database and collection a mapping reads, and what an update event carries.
public struct DocumentDBEventSourceConfig: Codable, Sendable, Equatable {
  public var databaseName: String?
  public var collectionName: String?
  public var fullDocument: String?
  enum CodingKeys: String, CodingKey {
    case databaseName = "DatabaseName"
    case collectionName = "CollectionName"
    case fullDocument = "FullDocument"
  }
}

/// Why the service could not encrypt or decrypt the filter criteria with the mapping's KMS key.
public struct FilterCriteriaError: Codable, Sendable, Equatable {
  public var errorCode: String?
  public var message: String?
  enum CodingKeys: String, CodingKey {
    case errorCode = "ErrorCode"
    case message = "Message"
  }
}

/// The CloudWatch metrics a mapping publishes.
public struct MetricsConfig: Codable, Sendable, Equatable {
  public var metrics: [String]?
  enum CodingKeys: String, CodingKey { case metrics = "Metrics" }
}

/// How much the mapping logs about its own work.
public struct LoggingConfig: Codable, Sendable, Equatable {
  public var systemLogLevel: String?
  enum CodingKeys: String, CodingKey { case systemLogLevel = "SystemLogLevel" }
}

/// Provisioned mode: a floor and ceiling of pollers kept ready for the source.
public struct ProvisionedPollerConfig: Codable, Sendable, Equatable {
  public var minimumPollers: Int?
  public var maximumPollers: Int?
  public var pollerGroupName: String?
  enum CodingKeys: String, CodingKey {
    case minimumPollers = "MinimumPollers"
    case maximumPollers = "MaximumPollers"
    case pollerGroupName = "PollerGroupName"
  }
}

import Foundation

/// One event source mapping, as GetEventSourceMapping and ListEventSourceMappings return it.
///
/// The typed properties cover every member of `EventSourceMappingConfiguration` in the API model.
/// The whole document is kept beside them, so members a newer API adds are neither dropped on
/// display nor lost when a nested object is sent back whole in an update.
public struct EventSourceMapping: Sendable, Equatable {
  /// The mapping exactly as received, member by member.
  public let document: [String: JSONValue]

  public let uuid: String
  public let startingPosition: String?
  public let startingPositionTimestamp: Timestamp?
  public let batchSize: Int?
  public let maximumBatchingWindowInSeconds: Int?
  public let parallelizationFactor: Int?
  public let eventSourceArn: String?
  public let filterCriteria: FilterCriteria?
  public let functionArn: String?
  public let lastModified: Timestamp?
  public let lastProcessingResult: String?
  public let state: String?
  public let stateTransitionReason: String?
  public let destinationConfig: DestinationConfig?
  public let topics: [String]?
  public let queues: [String]?
  public let sourceAccessConfigurations: [SourceAccessConfiguration]?
  public let selfManagedEventSource: SelfManagedEventSource?
  public let maximumRecordAgeInSeconds: Int?
  public let bisectBatchOnFunctionError: Bool?
  public let maximumRetryAttempts: Int?
  public let tumblingWindowInSeconds: Int?
  public let functionResponseTypes: [String]?
  public let amazonManagedKafkaEventSourceConfig: KafkaEventSourceConfig?
  public let selfManagedKafkaEventSourceConfig: KafkaEventSourceConfig?
  public let scalingConfig: ScalingConfig?
  public let documentDBEventSourceConfig: DocumentDBEventSourceConfig?
  public let kmsKeyArn: String?
  public let filterCriteriaError: FilterCriteriaError?
  public let eventSourceMappingArn: String?
  public let metricsConfig: MetricsConfig?
  public let loggingConfig: LoggingConfig?
  public let provisionedPollerConfig: ProvisionedPollerConfig?

  /// What the mapping reads from, or nil when its source cannot be identified.
  public var sourceKind: SourceKind? {
    SourceKind(
      eventSourceArn: eventSourceArn,
      hasSelfManagedEventSource: selfManagedEventSource != nil,
      hasDocumentDBConfig: documentDBEventSourceConfig != nil)
  }

  /// Members of the document that this version of Sluice does not know.
  public var unknownMembers: [String: JSONValue] {
    document.filter { CodingKeys(stringValue: $0.key) == nil }
  }

  /// Whether the mapping is (or is becoming) enabled. The API reports `State`, not `Enabled`.
  public var isEnabled: Bool {
    MappingState(state) != .disabled && MappingState(state) != .disabling
  }

  /// The function name as the update request takes it: the ARN the mapping reports.
  public var functionName: String? { functionArn }
}

extension EventSourceMapping: Codable {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case uuid = "UUID"
    case startingPosition = "StartingPosition"
    case startingPositionTimestamp = "StartingPositionTimestamp"
    case batchSize = "BatchSize"
    case maximumBatchingWindowInSeconds = "MaximumBatchingWindowInSeconds"
    case parallelizationFactor = "ParallelizationFactor"
    case eventSourceArn = "EventSourceArn"
    case filterCriteria = "FilterCriteria"
    case functionArn = "FunctionArn"
    case lastModified = "LastModified"
    case lastProcessingResult = "LastProcessingResult"
    case state = "State"
    case stateTransitionReason = "StateTransitionReason"
    case destinationConfig = "DestinationConfig"
    case topics = "Topics"
    case queues = "Queues"
    case sourceAccessConfigurations = "SourceAccessConfigurations"
    case selfManagedEventSource = "SelfManagedEventSource"
    case maximumRecordAgeInSeconds = "MaximumRecordAgeInSeconds"
    case bisectBatchOnFunctionError = "BisectBatchOnFunctionError"
    case maximumRetryAttempts = "MaximumRetryAttempts"
    case tumblingWindowInSeconds = "TumblingWindowInSeconds"
    case functionResponseTypes = "FunctionResponseTypes"
    case amazonManagedKafkaEventSourceConfig = "AmazonManagedKafkaEventSourceConfig"
    case selfManagedKafkaEventSourceConfig = "SelfManagedKafkaEventSourceConfig"
    case scalingConfig = "ScalingConfig"
    case documentDBEventSourceConfig = "DocumentDBEventSourceConfig"
    case kmsKeyArn = "KMSKeyArn"
    case filterCriteriaError = "FilterCriteriaError"
    case eventSourceMappingArn = "EventSourceMappingArn"
    case metricsConfig = "MetricsConfig"
    case loggingConfig = "LoggingConfig"
    case provisionedPollerConfig = "ProvisionedPollerConfig"
  }

  public init(from decoder: Decoder) throws {
    document = try [String: JSONValue](from: decoder)
    let values = try decoder.container(keyedBy: CodingKeys.self)
    uuid = try values.decode(String.self, forKey: .uuid)
    startingPosition = try values.decodeIfPresent(String.self, forKey: .startingPosition)
    startingPositionTimestamp = try values.decodeIfPresent(
      Timestamp.self, forKey: .startingPositionTimestamp)
    batchSize = try values.decodeIfPresent(Int.self, forKey: .batchSize)
    maximumBatchingWindowInSeconds = try values.decodeIfPresent(
      Int.self, forKey: .maximumBatchingWindowInSeconds)
    parallelizationFactor = try values.decodeIfPresent(Int.self, forKey: .parallelizationFactor)
    eventSourceArn = try values.decodeIfPresent(String.self, forKey: .eventSourceArn)
    filterCriteria = try values.decodeIfPresent(FilterCriteria.self, forKey: .filterCriteria)
    functionArn = try values.decodeIfPresent(String.self, forKey: .functionArn)
    lastModified = try values.decodeIfPresent(Timestamp.self, forKey: .lastModified)
    lastProcessingResult = try values.decodeIfPresent(String.self, forKey: .lastProcessingResult)
    state = try values.decodeIfPresent(String.self, forKey: .state)
    stateTransitionReason = try values.decodeIfPresent(String.self, forKey: .stateTransitionReason)
    destinationConfig = try values.decodeIfPresent(
      DestinationConfig.self, forKey: .destinationConfig)
    topics = try values.decodeIfPresent([String].self, forKey: .topics)
    queues = try values.decodeIfPresent([String].self, forKey: .queues)
    sourceAccessConfigurations = try values.decodeIfPresent(
      [SourceAccessConfiguration].self, forKey: .sourceAccessConfigurations)
    selfManagedEventSource = try values.decodeIfPresent(
      SelfManagedEventSource.self, forKey: .selfManagedEventSource)
    maximumRecordAgeInSeconds = try values.decodeIfPresent(
      Int.self, forKey: .maximumRecordAgeInSeconds)
    bisectBatchOnFunctionError = try values.decodeIfPresent(
      Bool.self, forKey: .bisectBatchOnFunctionError)
    maximumRetryAttempts = try values.decodeIfPresent(Int.self, forKey: .maximumRetryAttempts)
    tumblingWindowInSeconds = try values.decodeIfPresent(
      Int.self, forKey: .tumblingWindowInSeconds)
    functionResponseTypes = try values.decodeIfPresent(
      [String].self, forKey: .functionResponseTypes)
    amazonManagedKafkaEventSourceConfig = try values.decodeIfPresent(
      KafkaEventSourceConfig.self, forKey: .amazonManagedKafkaEventSourceConfig)
    selfManagedKafkaEventSourceConfig = try values.decodeIfPresent(
      KafkaEventSourceConfig.self, forKey: .selfManagedKafkaEventSourceConfig)
    scalingConfig = try values.decodeIfPresent(ScalingConfig.self, forKey: .scalingConfig)
    documentDBEventSourceConfig = try values.decodeIfPresent(
      DocumentDBEventSourceConfig.self, forKey: .documentDBEventSourceConfig)
    kmsKeyArn = try values.decodeIfPresent(String.self, forKey: .kmsKeyArn)
    filterCriteriaError = try values.decodeIfPresent(
      FilterCriteriaError.self, forKey: .filterCriteriaError)
    eventSourceMappingArn = try values.decodeIfPresent(String.self, forKey: .eventSourceMappingArn)
    metricsConfig = try values.decodeIfPresent(MetricsConfig.self, forKey: .metricsConfig)
    loggingConfig = try values.decodeIfPresent(LoggingConfig.self, forKey: .loggingConfig)
    provisionedPollerConfig = try values.decodeIfPresent(
      ProvisionedPollerConfig.self, forKey: .provisionedPollerConfig)
  }

  /// Writes the document as received, so nothing is lost in a round trip.
  public func encode(to encoder: Encoder) throws {
    try document.encode(to: encoder)
  }
}

extension EventSourceMapping {
  /// Builds a mapping from a JSON object, checking every typed member.
  public init(document: [String: JSONValue]) throws {
    self = try JSONValue.object(document).decoded(as: EventSourceMapping.self)
  }
}

extension JSONValue {
  /// Decodes this value into a `Decodable` type through Foundation's decoder.
  func decoded<T: Decodable>(as type: T.Type) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(compactText.utf8))
  }
}

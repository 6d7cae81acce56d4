import Foundation

/// One event source mapping, as GetEventSourceMapping and ListEventSourceMappings return it.
///
/// The typed properties cover every member of `EventSourceMappingConfiguration` in the API model.
/// They are read from the whole document, which is all that is stored: members a newer API adds are
/// neither dropped on display nor lost when a nested object is sent back whole in an update, and a
/// list of 10,000 mappings costs one copy of each, not two. Decoding still checks every typed
/// member, so a mapping that exists has members of the right types.
public struct EventSourceMapping: Sendable, Equatable {
  /// The mapping exactly as received, member by member.
  public let document: [String: JSONValue]
  public let uuid: String

  public var startingPosition: String? { document["StartingPosition"]?.stringValue }
  public var startingPositionTimestamp: Timestamp? {
    document["StartingPositionTimestamp"].flatMap(Timestamp.init(json:))
  }
  public var batchSize: Int? { document["BatchSize"]?.integerValue }
  public var maximumBatchingWindowInSeconds: Int? {
    document["MaximumBatchingWindowInSeconds"]?.integerValue
  }
  public var parallelizationFactor: Int? { document["ParallelizationFactor"]?.integerValue }
  public var eventSourceArn: String? { document["EventSourceArn"]?.stringValue }
  public var filterCriteria: FilterCriteria? { member("FilterCriteria") }
  public var functionArn: String? { document["FunctionArn"]?.stringValue }
  public var lastModified: Timestamp? { document["LastModified"].flatMap(Timestamp.init(json:)) }
  public var lastProcessingResult: String? { document["LastProcessingResult"]?.stringValue }
  public var state: String? { document["State"]?.stringValue }
  public var stateTransitionReason: String? { document["StateTransitionReason"]?.stringValue }
  public var destinationConfig: DestinationConfig? { member("DestinationConfig") }
  public var topics: [String]? { strings("Topics") }
  public var queues: [String]? { strings("Queues") }
  public var sourceAccessConfigurations: [SourceAccessConfiguration]? {
    member("SourceAccessConfigurations")
  }
  public var selfManagedEventSource: SelfManagedEventSource? { member("SelfManagedEventSource") }
  public var maximumRecordAgeInSeconds: Int? { document["MaximumRecordAgeInSeconds"]?.integerValue }
  public var bisectBatchOnFunctionError: Bool? { document["BisectBatchOnFunctionError"]?.boolValue }
  public var maximumRetryAttempts: Int? { document["MaximumRetryAttempts"]?.integerValue }
  public var tumblingWindowInSeconds: Int? { document["TumblingWindowInSeconds"]?.integerValue }
  public var functionResponseTypes: [String]? { strings("FunctionResponseTypes") }
  public var amazonManagedKafkaEventSourceConfig: KafkaEventSourceConfig? {
    member("AmazonManagedKafkaEventSourceConfig")
  }
  public var selfManagedKafkaEventSourceConfig: KafkaEventSourceConfig? {
    member("SelfManagedKafkaEventSourceConfig")
  }
  public var scalingConfig: ScalingConfig? { member("ScalingConfig") }
  public var documentDBEventSourceConfig: DocumentDBEventSourceConfig? {
    member("DocumentDBEventSourceConfig")
  }
  public var kmsKeyArn: String? { document["KMSKeyArn"]?.stringValue }
  public var filterCriteriaError: FilterCriteriaError? { member("FilterCriteriaError") }
  public var eventSourceMappingArn: String? { document["EventSourceMappingArn"]?.stringValue }
  public var metricsConfig: MetricsConfig? { member("MetricsConfig") }
  public var loggingConfig: LoggingConfig? { member("LoggingConfig") }
  public var provisionedPollerConfig: ProvisionedPollerConfig? { member("ProvisionedPollerConfig") }

  /// A list of strings member.
  private func strings(_ key: String) -> [String]? {
    document[key]?.arrayValue?.compactMap(\.stringValue)
  }

  /// A nested member, decoded when asked for (forms and checks, not the hot list path).
  private func member<T: Decodable>(_ key: String) -> T? {
    try? document[key]?.decoded(as: T.self)
  }

  /// What the mapping reads from, or nil when its source cannot be identified.
  public var sourceKind: SourceKind? {
    SourceKind(
      eventSourceArn: eventSourceArn,
      hasSelfManagedEventSource: document["SelfManagedEventSource"] != nil,
      hasDocumentDBConfig: document["DocumentDBEventSourceConfig"] != nil)
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
    try self.init(document: try [String: JSONValue](from: decoder))
  }

  /// Writes the document as received, so nothing is lost in a round trip.
  public func encode(to encoder: Encoder) throws {
    try document.encode(to: encoder)
  }
}

extension EventSourceMapping {
  /// Builds a mapping from a JSON object, checking the type of every member the API defines.
  ///
  /// Scalars are checked where they stand; nested objects are decoded once into their typed form
  /// and dropped, and read again when asked for. Errors are `DecodingError`s with the member's path.
  public init(document: [String: JSONValue]) throws {
    guard let uuid = document["UUID"]?.stringValue else {
      throw document["UUID"] == nil
        ? DecodingError.keyNotFound(
          CodingKeys.uuid, .init(codingPath: [], debugDescription: "UUID is missing"))
        : Self.mismatch(String.self, .uuid)
    }
    for (name, value) in document where value != .null {
      guard let key = CodingKeys(stringValue: name) else { continue }
      try Self.check(value, key)
    }
    self.document = document
    self.uuid = uuid
  }

  private static func check(_ value: JSONValue, _ key: CodingKeys) throws {
    switch key {
    case .uuid, .startingPosition, .eventSourceArn, .functionArn, .lastProcessingResult, .state,
      .stateTransitionReason, .kmsKeyArn, .eventSourceMappingArn:
      guard value.stringValue != nil else { throw mismatch(String.self, key) }
    case .batchSize, .maximumBatchingWindowInSeconds, .parallelizationFactor,
      .maximumRecordAgeInSeconds, .maximumRetryAttempts, .tumblingWindowInSeconds:
      guard value.integerValue != nil else { throw mismatch(Int.self, key) }
    case .topics, .queues, .functionResponseTypes:
      guard value.arrayValue?.allSatisfy({ $0.stringValue != nil }) == true else {
        throw mismatch([String].self, key)
      }
    case .startingPositionTimestamp, .lastModified:
      guard Timestamp(json: value) != nil else { throw mismatch(Timestamp.self, key) }
    case .bisectBatchOnFunctionError:
      guard value.boolValue != nil else { throw mismatch(Bool.self, key) }
    case .filterCriteria: try nested(FilterCriteria.self, value, key)
    case .destinationConfig: try nested(DestinationConfig.self, value, key)
    case .sourceAccessConfigurations: try nested([SourceAccessConfiguration].self, value, key)
    case .selfManagedEventSource: try nested(SelfManagedEventSource.self, value, key)
    case .amazonManagedKafkaEventSourceConfig, .selfManagedKafkaEventSourceConfig:
      try nested(KafkaEventSourceConfig.self, value, key)
    case .scalingConfig: try nested(ScalingConfig.self, value, key)
    case .documentDBEventSourceConfig: try nested(DocumentDBEventSourceConfig.self, value, key)
    case .filterCriteriaError: try nested(FilterCriteriaError.self, value, key)
    case .metricsConfig: try nested(MetricsConfig.self, value, key)
    case .loggingConfig: try nested(LoggingConfig.self, value, key)
    case .provisionedPollerConfig: try nested(ProvisionedPollerConfig.self, value, key)
    }
  }

  private static func mismatch(_ type: Any.Type, _ key: CodingKeys) -> DecodingError {
    .typeMismatch(
      type, .init(codingPath: [key], debugDescription: "\(key.stringValue) has the wrong type"))
  }

  /// Decodes a nested member to check it, reporting errors with the member's name in the path.
  private static func nested<T: Decodable>(_ type: T.Type, _ value: JSONValue, _ key: CodingKeys)
    throws
  {
    do {
      _ = try value.decoded(as: type)
    } catch let error as DecodingError {
      throw error.inside(key)
    }
  }
}

extension DecodingError {
  /// The same error one level deeper: `key` put in front of its coding path.
  func inside(_ key: CodingKey) -> DecodingError {
    func moved(_ context: Context) -> Context {
      Context(
        codingPath: [key] + context.codingPath, debugDescription: context.debugDescription,
        underlyingError: context.underlyingError)
    }
    switch self {
    case .typeMismatch(let type, let context): return .typeMismatch(type, moved(context))
    case .valueNotFound(let type, let context): return .valueNotFound(type, moved(context))
    case .keyNotFound(let missing, let context): return .keyNotFound(missing, moved(context))
    case .dataCorrupted(let context): return .dataCorrupted(moved(context))
    @unknown default: return self
    }
  }
}

extension JSONValue {
  /// Decodes this value into a `Decodable` type through Foundation's decoder.
  func decoded<T: Decodable>(as type: T.Type) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(compactText.utf8))
  }
}

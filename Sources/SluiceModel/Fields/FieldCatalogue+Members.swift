/// What the catalogue knows of whole request members, beside its fields.
extension FieldCatalogue {
  /// The top-level request members the catalogue covers.
  public static var members: Set<String> { Set(fields.map(\.path.member)) }

  /// The explicit empty value the API takes as "remove this member", or `null` where none exists
  /// (the member cannot be cleared once set).
  public static func clearValue(for member: String) -> JSONValue {
    clearValues[member] ?? .null
  }

  static let clearValues: [String: JSONValue] = [
    "FilterCriteria": .object([:]), "DestinationConfig": .object([:]),
    "ScalingConfig": .object([:]), "ProvisionedPollerConfig": .object([:]),
    "LoggingConfig": .object([:]), "MetricsConfig": .object(["Metrics": .array([])]),
    "FunctionResponseTypes": .array([]), "SourceAccessConfigurations": .array([]),
    "KMSKeyArn": .string(""),
  ]

  /// Kinds whose default batching window is 500 ms, a value whole seconds cannot express.
  public static let halfSecondWindowKinds: Set<SourceKind> = [
    .msk, .selfManagedKafka, .amazonMQ, .documentDB,
  ]
}

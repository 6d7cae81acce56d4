/// Every field an operator can change with UpdateEventSourceMapping, with its rules and help.
///
/// This list is the single place where field knowledge lives. The form shows the entries that apply
/// to a mapping's kind, grouped and in this order; the validator checks values against them.
public enum FieldCatalogue {
  /// All entries, in form order.
  public static let fields: [FieldSpec] =
    general + batching + errorHandling + filters + destinations
    + scaling + access + sourceSpecific + monitoring

  /// The entry at a path, if there is one.
  public static func field(at path: FieldPath) -> FieldSpec? {
    fields.first { $0.path == path }
  }

  /// The entries that apply to a kind, in form order.
  public static func fields(for kind: SourceKind?) -> [FieldSpec] {
    fields.filter { $0.applies(to: kind) }
  }

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

  static let streamsAndKafka = SourceKind.streams.union(SourceKind.kafka)
  static let filterable = SourceKind.all.subtracting([.documentDB])
  static let pollerKinds = SourceKind.sqs.union(SourceKind.kafka)

  static let general: [FieldSpec] = [
    FieldSpec(
      "FunctionName", label: "Function", group: .general, type: .text, appliesTo: SourceKind.all,
      summary: """
        The Lambda function that receives the batches. Give a name (my-function), a partial ARN \
        (123456789012:function:my-function) or a full ARN, optionally with a version or alias.
        """,
      textRule: TextRule(
        length: 1...256,
        pattern:
          "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9\\-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9\\-_]+))?",
        patternDescription:
          "a name, partial ARN or ARN of letters, digits, - and _, with an optional :version or :alias"
      ),
      otherwise: "required when the mapping is created"),
    FieldSpec(
      "Enabled", label: "Enabled", group: .general, type: .boolean, appliesTo: SourceKind.all,
      summary: """
        Whether the mapping polls its source. Turning it off pauses delivery: records wait in the \
        source (until they expire) and delivery resumes from there when it is turned back on.
        """,
      otherwise: "true", defaultValue: true),
  ]

  static let batching: [FieldSpec] = [
    FieldSpec(
      "BatchSize", label: "Batch size", group: .batching, type: .integer,
      appliesTo: SourceKind.all,
      summary: """
        The most records handed to one invocation. A batch is sent when it is full, when the \
        batching window ends, or when it reaches the 6 MB invocation payload limit.
        """,
      integerLimits: IntegerLimits(1...10000),
      integerLimitsByKind: [.sqsFIFO: IntegerLimits(1...10)],
      defaults: [.sqsStandard: "10", .sqsFIFO: "10"], otherwise: "100"),
    FieldSpec(
      "MaximumBatchingWindowInSeconds", label: "Batching window (s)", group: .batching,
      type: .integer, appliesTo: SourceKind.all.subtracting([.sqsFIFO]),
      summary: """
        How long, in whole seconds, records are gathered before the function is invoked. Larger \
        windows mean fewer, fuller invocations and more delay. On SQS standard queues a batch size \
        above 10 needs a window of at least 1 second.
        """,
      integerLimits: IntegerLimits(0...300),
      defaults: [
        .msk: "500 ms, which cannot be set again once changed",
        .selfManagedKafka: "500 ms, which cannot be set again once changed",
        .amazonMQ: "500 ms, which cannot be set again once changed",
        .documentDB: "500 ms, which cannot be set again once changed",
      ], otherwise: "0 (invoke as soon as records arrive)"),
    FieldSpec(
      "TumblingWindowInSeconds", label: "Tumbling window (s)", group: .batching, type: .integer,
      appliesTo: SourceKind.streams,
      summary: """
        Groups records into fixed windows of this many seconds and passes state from one \
        invocation to the next within a window, for aggregations. 0 turns windows off.
        """,
      integerLimits: IntegerLimits(0...900), otherwise: "0 (no tumbling window)"),
  ]

  static let errorHandling: [FieldSpec] = [
    FieldSpec(
      "MaximumRetryAttempts", label: "Max retries", group: .errorHandling, type: .integer,
      appliesTo: streamsAndKafka,
      summary: """
        How many times a failing batch is retried before its records are discarded (or sent to \
        the failure destination). -1 retries until the records expire from the source.
        """,
      integerLimits: IntegerLimits(-1...10000), otherwise: "-1 (retry until the records expire)"),
    FieldSpec(
      "MaximumRecordAgeInSeconds", label: "Max record age (s)", group: .errorHandling,
      type: .integer, appliesTo: streamsAndKafka,
      summary: """
        Records older than this are not retried but discarded (or sent to the failure \
        destination). -1 keeps them until the source itself drops them. Values from 0 to 59 are \
        refused by the service.
        """,
      integerLimits: IntegerLimits(-1...(-1), 60...604800), otherwise: "-1 (no age limit)"),
    FieldSpec(
      "BisectBatchOnFunctionError", label: "Split batch on error", group: .errorHandling,
      type: .boolean, appliesTo: streamsAndKafka,
      summary: """
        When the function fails, split the batch in two and retry each half, to isolate a bad \
        record without blocking the shard on the whole batch.
        """,
      otherwise: "false", defaultValue: false),
    FieldSpec(
      "FunctionResponseTypes", label: "Partial batch response", group: .errorHandling,
      type: .choiceList(["ReportBatchItemFailures"], maximum: 1),
      appliesTo: streamsAndKafka.union(SourceKind.sqs),
      summary: """
        With ReportBatchItemFailures the function can name the records that failed, and only \
        those are retried instead of the whole batch. The function code must return that list.
        """,
      otherwise: "none (a failure retries the whole batch)"),
  ]

  static let filters: [FieldSpec] = [
    FieldSpec(
      "FilterCriteria.Filters[].Pattern", label: "Filter patterns", group: .filters,
      type: .filterPatterns, appliesTo: filterable,
      summary: """
        Records that match none of these patterns are dropped before the function sees them. Each \
        pattern is a JSON object whose leaves are lists of values or operators such as prefix, \
        numeric, exists and anything-but. Patterns are ORed; fields within one are ANDed.
        """,
      otherwise: "no filters (every record is delivered)"),
    FieldSpec(
      "KMSKeyArn", label: "Filter KMS key", group: .filters, type: .text, appliesTo: filterable,
      summary: """
        The customer managed KMS key that encrypts the filter criteria at rest. Readers without \
        kms:Decrypt on it see the filters as hidden. An empty value goes back to the AWS key.
        """,
      textRule: TextRule(
        length: 0...2048, pattern: "(arn:(aws[a-zA-Z-]*)?:[a-z0-9\\-.]+:.*)|()",
        patternDescription: "a KMS key ARN or empty"),
      otherwise: "none (an AWS owned key)"),
  ]

  static let destinations: [FieldSpec] = [
    FieldSpec(
      "DestinationConfig.OnFailure.Destination", label: "On-failure destination",
      group: .destinations, type: .text, appliesTo: streamsAndKafka,
      summary: """
        Where a record of each discarded batch is sent: an SQS queue, SNS topic or S3 bucket ARN, \
        or for Kafka sources a kafka://topic. Success destinations cannot be set on a mapping.
        """,
      textRule: TextRule(
        length: 0...350,
        pattern:
          "$|kafka://([^.]([a-zA-Z0-9\\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)",
        patternDescription: "an SQS, SNS or S3 ARN, or kafka://topic for Kafka sources"),
      otherwise: "none (discarded records are dropped)")
  ]
}

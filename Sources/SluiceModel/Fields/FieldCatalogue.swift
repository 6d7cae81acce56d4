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
      defaultValue: true, otherwise: "true"),
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
      defaultValue: false, otherwise: "false"),
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

  static let scaling: [FieldSpec] = [
    FieldSpec(
      "ParallelizationFactor", label: "Batches per shard", group: .scaling, type: .integer,
      appliesTo: SourceKind.streams,
      summary: """
        How many batches from one shard are processed at the same time. Order is still kept per \
        partition key.
        """,
      integerLimits: IntegerLimits(1...10), otherwise: "1"),
    FieldSpec(
      "ScalingConfig.MaximumConcurrency", label: "Max concurrency", group: .scaling,
      type: .integer, appliesTo: SourceKind.sqs,
      summary: """
        The most concurrent invocations this queue may drive. Use it to keep one queue from \
        taking all of the function's concurrency. Clearing it removes the cap.
        """,
      integerLimits: IntegerLimits(2...1000), otherwise: "no cap"),
    FieldSpec(
      "ProvisionedPollerConfig.MinimumPollers", label: "Min pollers", group: .scaling,
      type: .integer, appliesTo: pollerKinds,
      summary: """
        Provisioned mode: the pollers kept ready at all times, each reading about 1 MB/s. Must not \
        exceed the maximum.
        """,
      integerLimits: IntegerLimits(1...200),
      integerLimitsByKind: [
        .sqsStandard: IntegerLimits(2...200), .sqsFIFO: IntegerLimits(2...200),
      ],
      defaults: [.sqsStandard: "2", .sqsFIFO: "2"], otherwise: "1"),
    FieldSpec(
      "ProvisionedPollerConfig.MaximumPollers", label: "Max pollers", group: .scaling,
      type: .integer, appliesTo: pollerKinds,
      summary: "Provisioned mode: the most pollers the mapping scales up to under load.",
      integerLimits: IntegerLimits(1...2000),
      integerLimitsByKind: [
        .sqsStandard: IntegerLimits(2...2000), .sqsFIFO: IntegerLimits(2...2000),
      ], otherwise: "200"),
    FieldSpec(
      "ProvisionedPollerConfig.PollerGroupName", label: "Poller group", group: .scaling,
      type: .text, appliesTo: SourceKind.kafka,
      summary: """
        Mappings in the same VPC with the same group name share poller capacity. A group holds at \
        most 100 mappings and 2000 pollers in all.
        """,
      textRule: TextRule(
        length: 0...128, pattern: "[a-zA-Z0-9\\-_]*",
        patternDescription: "letters, digits, - and _"),
      otherwise: "none (pollers are not shared)"),
  ]

  static let access: [FieldSpec] = [
    FieldSpec(
      "SourceAccessConfigurations", label: "Access", group: .access, type: .accessConfigurations,
      appliesTo: SourceKind.kafka.union([.amazonMQ]),
      summary: """
        Secrets, subnets and security groups used to reach the brokers: BASIC_AUTH (MQ, Kafka), \
        SASL_SCRAM_512_AUTH (MSK, Kafka), SASL_SCRAM_256_AUTH, VPC_SUBNET, VPC_SECURITY_GROUP and \
        SERVER_ROOT_CA_CERTIFICATE (Kafka), CLIENT_CERTIFICATE_TLS_AUTH (MSK, Kafka). A RabbitMQ \
        VIRTUAL_HOST is fixed at creation.
        """,
      otherwise: "none")
  ]

  static let schemaRegistrySummary = """
    A Glue or Confluent schema registry used to decode Avro or Protobuf records: \
    SchemaRegistryURI, EventRecordFormat (JSON or SOURCE), AccessConfigs and \
    SchemaValidationConfigs. The consumer group id beside it cannot be changed.
    """

  static let sourceSpecific: [FieldSpec] = [
    FieldSpec(
      "DocumentDBEventSourceConfig.DatabaseName", label: "Database", group: .sourceSpecific,
      type: .text, appliesTo: [.documentDB],
      summary: "The DocumentDB database whose change stream is read.",
      textRule: TextRule(
        length: 1...63, pattern: "[^ /\\.$\"]*",
        patternDescription: "no spaces, slashes, dots, dollar signs or double quotes"),
      otherwise: "set when the mapping is created"),
    FieldSpec(
      "DocumentDBEventSourceConfig.CollectionName", label: "Collection", group: .sourceSpecific,
      type: .text, appliesTo: [.documentDB],
      summary: "Read only this collection. Without it, every collection of the database is read.",
      textRule: TextRule(
        length: 1...57, pattern: "(?!system\\.)[_a-zA-Z0-9][^$]*",
        patternDescription:
          "starting with a letter, digit or _, not with system., and without dollar signs"),
      otherwise: "all collections"),
    FieldSpec(
      "DocumentDBEventSourceConfig.FullDocument", label: "Full document", group: .sourceSpecific,
      type: .choice(["Default", "UpdateLookup"]), appliesTo: [.documentDB],
      summary: """
        With UpdateLookup, an update event carries the whole document as well as the change; \
        with Default only the changed part is sent.
        """,
      otherwise: "Default"),
    FieldSpec(
      "AmazonManagedKafkaEventSourceConfig.SchemaRegistryConfig", label: "Schema registry",
      group: .sourceSpecific, type: .json, appliesTo: [.msk],
      summary: schemaRegistrySummary,
      otherwise: "none"),
    FieldSpec(
      "SelfManagedKafkaEventSourceConfig.SchemaRegistryConfig", label: "Schema registry",
      group: .sourceSpecific, type: .json, appliesTo: [.selfManagedKafka],
      summary: schemaRegistrySummary,
      otherwise: "none"),
  ]

  static let monitoring: [FieldSpec] = [
    FieldSpec(
      "MetricsConfig.Metrics", label: "Metrics", group: .monitoring,
      type: .choiceList(["EventCount", "ErrorCount", "KafkaMetrics"], maximum: 3),
      appliesTo: SourceKind.all,
      summary: """
        Extra CloudWatch metrics the mapping publishes (billed as custom metrics). EventCount \
        works for every source; ErrorCount and KafkaMetrics only for Kafka sources.
        """,
      otherwise: "none"),
    FieldSpec(
      "LoggingConfig.SystemLogLevel", label: "System log level", group: .monitoring,
      type: .choice(["DEBUG", "INFO", "WARN"]), appliesTo: SourceKind.kafka,
      summary: "How much the poller logs about its own work. DEBUG is the most detailed.",
      otherwise: "none (no system logs)"),
  ]
}

/// The form's later groups: scaling, access, source-specific settings and monitoring.
extension FieldCatalogue {
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

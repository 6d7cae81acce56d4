/// Rules that look at more than one field, or at a field's meaning for the mapping's kind.
enum CrossFieldRules {
  static func check(_ context: ValidationContext) -> [Finding] {
    sqsBatchNeedsWindow(context) + halfSecondWindowIsLost(context) + pollerBounds(context)
      + functionName(context) + destination(context) + metricsForKind(context)
      + filterCount(context) + kafkaConfig(context)
  }

  /// SQS standard queues refuse a batch size above 10 without a batching window of at least 1 s.
  static func sqsBatchNeedsWindow(_ context: ValidationContext) -> [Finding] {
    guard context.kind == .sqsStandard,
      context.isChanged("BatchSize") || context.isChanged("MaximumBatchingWindowInSeconds"),
      let batch = context.integer("BatchSize"), batch > 10
    else { return [] }
    let window = context.integer("MaximumBatchingWindowInSeconds") ?? 0
    guard window < 1 else { return [] }
    let path = context.isChanged("BatchSize") ? "BatchSize" : "MaximumBatchingWindowInSeconds"
    return [
      .error(
        path, rule: "sqs-batch-window",
        "BatchSize \(batch) needs MaximumBatchingWindowInSeconds of at least 1 on SQS standard "
          + "queues (it is \(window)); use a batch size of 10 or less, or a window of 1 to 300.")
    ]
  }

  /// Kafka, MQ and DocumentDB start with a 500 ms window that whole seconds cannot express again.
  static func halfSecondWindowIsLost(_ context: ValidationContext) -> [Finding] {
    guard let kind = context.kind, FieldCatalogue.halfSecondWindowKinds.contains(kind),
      context.isChanged("MaximumBatchingWindowInSeconds"),
      (context.before["MaximumBatchingWindowInSeconds"]?.integerValue ?? 0) == 0
    else { return [] }
    return [
      .warning(
        "MaximumBatchingWindowInSeconds", rule: "default-window-lost",
        "\(kind.displayName) starts with a 500 ms batching window; once changed it cannot be set "
          + "back, because only whole seconds can be sent. Only a new mapping gets it back.")
    ]
  }

  /// Provisioned mode needs at least as many maximum pollers as minimum pollers.
  static func pollerBounds(_ context: ValidationContext) -> [Finding] {
    guard context.isChanged("ProvisionedPollerConfig"),
      let minimum = context.integer("ProvisionedPollerConfig.MinimumPollers"),
      let maximum = context.integer("ProvisionedPollerConfig.MaximumPollers"), minimum > maximum
    else { return [] }
    return [
      .error(
        "ProvisionedPollerConfig.MinimumPollers", rule: "poller-bounds",
        "MinimumPollers \(minimum) is above MaximumPollers \(maximum); the minimum may not exceed "
          + "the maximum.")
    ]
  }

  /// A bare function name is limited to 64 characters, even though a full ARN may have 256.
  static func functionName(_ context: ValidationContext) -> [Finding] {
    guard let name = context.body["FunctionName"]?.stringValue else { return [] }
    let bare = name.split(separator: ":", omittingEmptySubsequences: false)
    let functionPart: Substring
    if let index = bare.firstIndex(of: "function"), index + 1 < bare.count {
      functionPart = bare[index + 1]
    } else {
      functionPart = bare.first ?? ""
    }
    guard functionPart.count > 64 else { return [] }
    return [
      .error(
        "FunctionName", rule: "name-length",
        "The function name \"\(functionPart.prefix(20))…\" has \(functionPart.count) characters; "
          + "a function name is at most 64 (a full ARN at most 256).")
    ]
  }

  /// Only failure destinations can be set, and `kafka://` topics only for Kafka sources.
  static func destination(_ context: ValidationContext) -> [Finding] {
    guard let config = context.body["DestinationConfig"]?.objectValue else { return [] }
    var findings: [Finding] = []
    if config["OnSuccess"] != nil {
      findings.append(
        .error(
          "DestinationConfig.OnSuccess", rule: "on-success",
          "OnSuccess destinations cannot be set on an event source mapping; only OnFailure."))
    }
    let path = "DestinationConfig.OnFailure.Destination"
    guard let target = FieldPath(path).value(in: context.body)?.stringValue, !target.isEmpty,
      let kind = context.kind
    else { return findings }
    if target.hasPrefix("kafka://") {
      if !SourceKind.kafka.contains(kind) {
        findings.append(
          .error(
            path, rule: "destination-kind",
            "kafka:// destinations are for Kafka sources only; \(kind.displayName) can send to an "
              + "SQS queue, SNS topic or S3 bucket."))
      }
    } else if let service = target.split(separator: ":").dropFirst(2).first,
      !["sqs", "sns", "s3"].contains(service)
    {
      findings.append(
        .error(
          path, rule: "destination-service",
          "The on-failure destination must be an SQS queue, SNS topic or S3 bucket ARN, not a "
            + "\(service) ARN."))
    }
    return findings
  }

  /// ErrorCount and KafkaMetrics exist only for Kafka sources.
  static func metricsForKind(_ context: ValidationContext) -> [Finding] {
    guard let kind = context.kind, !SourceKind.kafka.contains(kind),
      let metrics = FieldPath("MetricsConfig.Metrics").value(in: context.body)?.arrayValue
    else { return [] }
    return metrics.compactMap(\.stringValue).filter { $0 != "EventCount" }.map { metric in
      .error(
        "MetricsConfig.Metrics", rule: "metric-kind",
        "\(metric) is published for Kafka sources only; \(kind.displayName) supports EventCount.")
    }
  }

  /// Five filters is the default quota; ten is the most a quota increase allows.
  static func filterCount(_ context: ValidationContext) -> [Finding] {
    guard let filters = FieldPath("FilterCriteria.Filters").value(in: context.body)?.arrayValue
    else { return [] }
    let path = "FilterCriteria.Filters"
    if filters.count > 10 {
      return [
        .error(
          path, rule: "filter-count",
          "\(filters.count) filters are more than the service allows (10 with a quota increase, "
            + "5 by default).")
      ]
    }
    if filters.count > 5 {
      return [
        .warning(
          path, rule: "filter-quota",
          "\(filters.count) filters exceed the default quota of 5; the update fails unless the "
            + "account's quota was raised (at most 10).")
      ]
    }
    return []
  }

  /// The consumer group is fixed at creation; whether the schema registry can change is unconfirmed.
  static func kafkaConfig(_ context: ValidationContext) -> [Finding] {
    var findings: [Finding] = []
    for member in ["AmazonManagedKafkaEventSourceConfig", "SelfManagedKafkaEventSourceConfig"]
    where context.isChanged(member) {
      let group = FieldPath(member + ".ConsumerGroupId")
      if let proposed = group.value(in: context.body), proposed != group.value(in: context.before) {
        findings.append(
          .error(
            group.description, rule: "create-only",
            "ConsumerGroupId is fixed when the mapping is created; create a new mapping to change it."
          ))
      }
      let registry = FieldPath(member + ".SchemaRegistryConfig")
      if registry.value(in: context.body) != registry.value(in: context.before) {
        findings.append(
          .warning(
            registry.description, rule: "unconfirmed-update",
            "AWS documents the Kafka consumer settings as set at creation; that the schema "
              + "registry can be changed by an update is not confirmed."))
      }
    }
    return findings
  }
}

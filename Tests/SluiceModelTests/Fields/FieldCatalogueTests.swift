import SluiceModel
import Testing

struct FieldCatalogueTests {
  /// Every updatable member of the UpdateEventSourceMapping request (facts file §1.1, less UUID).
  static let requestMembers: Set<String> = [
    "FunctionName", "Enabled", "BatchSize", "FilterCriteria", "MaximumBatchingWindowInSeconds",
    "DestinationConfig", "MaximumRecordAgeInSeconds", "BisectBatchOnFunctionError",
    "MaximumRetryAttempts", "ParallelizationFactor", "SourceAccessConfigurations",
    "TumblingWindowInSeconds", "FunctionResponseTypes", "ScalingConfig",
    "AmazonManagedKafkaEventSourceConfig", "SelfManagedKafkaEventSourceConfig",
    "DocumentDBEventSourceConfig", "KMSKeyArn", "MetricsConfig", "LoggingConfig",
    "ProvisionedPollerConfig",
  ]

  @Test func coversEveryRequestMemberOnce() {
    #expect(FieldCatalogue.members == Self.requestMembers)
    let paths = FieldCatalogue.fields.map(\.path)
    #expect(Set(paths).count == paths.count)
  }

  @Test func everyEntryHasLabelHelpAndAKind() {
    for spec in FieldCatalogue.fields {
      #expect(!spec.label.isEmpty && spec.summary.count > 30, "\(spec.path)")
      #expect(!spec.appliesTo.isEmpty, "\(spec.path)")
      if spec.type == .integer { #expect(spec.integerLimits != nil, "\(spec.path)") }
    }
  }

  @Test func everyPatternCompilesAndMatchesAGoodValue() throws {
    let good: [String: String] = [
      "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:f:PROD",
      "KMSKeyArn": "arn:aws:kms:us-east-1:123456789012:key/k",
      "DestinationConfig.OnFailure.Destination": "arn:aws:sqs:us-east-1:123456789012:q",
      "ProvisionedPollerConfig.PollerGroupName": "group_1-a",
      "DocumentDBEventSourceConfig.DatabaseName": "shop",
      "DocumentDBEventSourceConfig.CollectionName": "orders",
    ]
    for spec in FieldCatalogue.fields {
      guard let pattern = spec.textRule?.pattern else { continue }
      _ = try Regex(pattern)
      let value = try #require(good[spec.path.description], "no sample for \(spec.path)")
      #expect(try Regex(pattern).wholeMatch(in: value) != nil, "\(spec.path)")
    }
  }

  @Test func helpStatesLimitsAndDefaultForTheKind() {
    let batch = FieldCatalogue.field(at: "BatchSize")!
    #expect(batch.help(for: .sqsFIFO).contains("Allowed for SQS FIFO queues: 1 to 10."))
    #expect(batch.help(for: .sqsFIFO).contains("Default for SQS FIFO queues: 10."))
    #expect(batch.help(for: .kinesis).contains("Allowed for Kinesis streams: 1 to 10000."))
    #expect(batch.help(for: .kinesis).contains("Default for Kinesis streams: 100."))
    let window = FieldCatalogue.field(at: "MaximumBatchingWindowInSeconds")!
    #expect(window.help(for: .msk).contains("500 ms"))
    #expect(window.help(for: .sqsStandard).contains("Default for SQS standard queues: 0"))
    #expect(window.help(for: .sqsFIFO).contains("Not available for SQS FIFO queues."))
    let age = FieldCatalogue.field(at: "MaximumRecordAgeInSeconds")!
    #expect(age.help(for: .kinesis).contains("-1 or 60 to 604800"))
  }

  @Test(arguments: SourceKind.allCases)
  func formFieldsFollowTheKind(_ kind: SourceKind) {
    let paths = Set(FieldCatalogue.fields(for: kind).map(\.path.description))
    #expect(paths.contains("BatchSize") && paths.contains("Enabled"))
    #expect(paths.contains("ParallelizationFactor") == SourceKind.streams.contains(kind))
    #expect(paths.contains("ScalingConfig.MaximumConcurrency") == SourceKind.sqs.contains(kind))
    #expect(paths.contains("FilterCriteria.Filters[].Pattern") == (kind != .documentDB))
    #expect(paths.contains("MaximumBatchingWindowInSeconds") == (kind != .sqsFIFO))
    #expect(paths.contains("LoggingConfig.SystemLogLevel") == SourceKind.kafka.contains(kind))
  }
}

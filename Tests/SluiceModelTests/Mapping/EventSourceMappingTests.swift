import Foundation
import SluiceModel
import Testing

struct EventSourceMappingTests {
  /// A response carrying every member of EventSourceMappingConfiguration, plus two the model lacks.
  static let everyMember = #"""
    {
      "UUID": "a1b2c3d4-5678-90ab-cdef-11111EXAMPLE",
      "StartingPosition": "AT_TIMESTAMP",
      "StartingPositionTimestamp": 1700000000,
      "BatchSize": 500,
      "MaximumBatchingWindowInSeconds": 5,
      "ParallelizationFactor": 2,
      "EventSourceArn": "arn:aws:kafka:us-east-1:123456789012:cluster/sales/abcd1234-1",
      "FilterCriteria": {"Filters": [{"Pattern": "{\"value\": {\"kind\": [\"A\"]}}"}]},
      "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:orders:PROD",
      "LastModified": 1569284520.333,
      "LastProcessingResult": "PROBLEM: Function call failed",
      "State": "Enabled",
      "StateTransitionReason": "USER_INITIATED",
      "DestinationConfig": {"OnSuccess": {}, "OnFailure": {"Destination": "kafka://failed"}},
      "Topics": ["orders"],
      "Queues": ["orders-queue"],
      "SourceAccessConfigurations": [{"Type": "SASL_SCRAM_512_AUTH", "URI": "arn:aws:secretsmanager:us-east-1:123456789012:secret:s"}],
      "SelfManagedEventSource": {"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["b-1.example.com:9092"]}},
      "MaximumRecordAgeInSeconds": 3600,
      "BisectBatchOnFunctionError": true,
      "MaximumRetryAttempts": 5,
      "TumblingWindowInSeconds": 60,
      "FunctionResponseTypes": ["ReportBatchItemFailures"],
      "AmazonManagedKafkaEventSourceConfig": {"ConsumerGroupId": "g1", "SchemaRegistryConfig": {"EventRecordFormat": "JSON"}},
      "SelfManagedKafkaEventSourceConfig": {"ConsumerGroupId": "g2"},
      "ScalingConfig": {"MaximumConcurrency": 20},
      "DocumentDBEventSourceConfig": {"DatabaseName": "db", "CollectionName": "c", "FullDocument": "UpdateLookup"},
      "KMSKeyArn": "arn:aws:kms:us-east-1:123456789012:key/k",
      "FilterCriteriaError": {"ErrorCode": "KMSAccessDeniedException", "Message": "Access denied to the key"},
      "EventSourceMappingArn": "arn:aws:lambda:us-east-1:123456789012:event-source-mapping:a1b2c3d4-5678-90ab-cdef-11111EXAMPLE",
      "MetricsConfig": {"Metrics": ["EventCount"]},
      "LoggingConfig": {"SystemLogLevel": "WARN"},
      "ProvisionedPollerConfig": {"MinimumPollers": 1, "MaximumPollers": 10, "PollerGroupName": "g"},
      "ConsumptionMode": "Queue",
      "FutureThing": {"nested": [1, 2]}
    }
    """#

  func decode(_ text: String) throws -> EventSourceMapping {
    try JSONDecoder().decode(EventSourceMapping.self, from: Data(text.utf8))
  }

  @Test func decodesEveryMember() throws {
    let mapping = try decode(Self.everyMember)
    #expect(mapping.uuid == "a1b2c3d4-5678-90ab-cdef-11111EXAMPLE")
    #expect(mapping.startingPosition == "AT_TIMESTAMP")
    #expect(mapping.startingPositionTimestamp?.secondsSince1970 == 1_700_000_000)
    #expect(mapping.batchSize == 500)
    #expect(mapping.maximumBatchingWindowInSeconds == 5)
    #expect(mapping.parallelizationFactor == 2)
    #expect(mapping.filterCriteria?.filters?.first?.pattern == #"{"value": {"kind": ["A"]}}"#)
    #expect(mapping.functionArn?.hasSuffix(":orders:PROD") == true)
    #expect(mapping.lastModified?.secondsSince1970 == 1_569_284_520.333)
    #expect(mapping.lastProcessingResult == "PROBLEM: Function call failed")
    #expect(mapping.state == "Enabled")
    #expect(mapping.stateTransitionReason == "USER_INITIATED")
    #expect(mapping.destinationConfig?.onFailure?.destination == "kafka://failed")
    #expect(mapping.destinationConfig?.onSuccess != nil)
    #expect(mapping.destinationConfig?.onSuccess?.destination == nil)
    #expect(mapping.topics == ["orders"])
    #expect(mapping.queues == ["orders-queue"])
    #expect(mapping.sourceAccessConfigurations?.first?.type == "SASL_SCRAM_512_AUTH")
    #expect(mapping.selfManagedEventSource?.endpoints?["KAFKA_BOOTSTRAP_SERVERS"]?.count == 1)
    #expect(mapping.maximumRecordAgeInSeconds == 3600)
    #expect(mapping.bisectBatchOnFunctionError == true)
    #expect(mapping.maximumRetryAttempts == 5)
    #expect(mapping.tumblingWindowInSeconds == 60)
    #expect(mapping.functionResponseTypes == ["ReportBatchItemFailures"])
    #expect(mapping.amazonManagedKafkaEventSourceConfig?.consumerGroupId == "g1")
    #expect(
      mapping.amazonManagedKafkaEventSourceConfig?.schemaRegistryConfig == [
        "EventRecordFormat": "JSON"
      ])
    #expect(mapping.selfManagedKafkaEventSourceConfig?.consumerGroupId == "g2")
    #expect(mapping.scalingConfig?.maximumConcurrency == 20)
    #expect(mapping.documentDBEventSourceConfig?.fullDocument == "UpdateLookup")
    #expect(mapping.documentDBEventSourceConfig?.collectionName == "c")
    #expect(mapping.kmsKeyArn?.hasPrefix("arn:aws:kms") == true)
    #expect(mapping.filterCriteriaError?.errorCode == "KMSAccessDeniedException")
    #expect(mapping.eventSourceMappingArn?.contains(":event-source-mapping:") == true)
    #expect(mapping.metricsConfig?.metrics == ["EventCount"])
    #expect(mapping.loggingConfig?.systemLogLevel == "WARN")
    #expect(mapping.provisionedPollerConfig?.pollerGroupName == "g")
    #expect(mapping.sourceKind == .msk)
  }

  @Test func keepsUnknownMembersThroughARoundTrip() throws {
    let mapping = try decode(Self.everyMember)
    #expect(
      mapping.unknownMembers == ["ConsumptionMode": "Queue", "FutureThing": ["nested": [1, 2]]])
    let encoded = try JSONEncoder().encode(mapping)
    let again = try JSONDecoder().decode(EventSourceMapping.self, from: encoded)
    #expect(again == mapping)
    #expect(again.document["FutureThing"] == ["nested": [1, 2]])
  }

  @Test func acceptsISOLastModified() throws {
    let mapping = try decode(#"{"UUID": "u", "LastModified": "2016-11-21T19:49:20.006+0000"}"#)
    #expect(abs((mapping.lastModified?.secondsSince1970 ?? 0) - 1_479_757_760.006) < 0.0005)
    #expect(mapping.sourceKind == nil)
  }

  @Test(arguments: [
    #"{"BatchSize": 10}"#,
    #"{"UUID": "u", "BatchSize": "ten"}"#,
    #"{"UUID": "u", "Topics": "orders"}"#,
    #"{"UUID": "u", "LastModified": "last tuesday"}"#,
  ])
  func refusesMalformedMappings(_ text: String) {
    #expect(throws: DecodingError.self) { try decode(text) }
  }

  @Test func stateDrivesEnabled() {
    for (state, enabled) in [
      ("Enabled", true), ("Enabling", true), ("Disabled", false), ("Disabling", false),
      ("Updating", true),
    ] {
      #expect(
        Fixtures.mapping(.kinesis, ["State": .string(state)]).isEnabled == enabled, "\(state)")
    }
    #expect(MappingState("Disabling").isTransitional)
    #expect(!MappingState("Disabled").isTransitional)
    #expect(MappingState("") == .other(""))
  }
}

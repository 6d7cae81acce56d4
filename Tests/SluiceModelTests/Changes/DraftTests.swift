import SluiceModel
import Testing

struct DraftTests {
  @Test func bodyHoldsOnlyChangedMembers() {
    var draft = Draft(mapping: Fixtures.mapping(.kinesis))
    draft.set("BatchSize", to: 500)
    draft.set("ParallelizationFactor", to: 1)  // what it already is
    #expect(draft.updateBody == ["BatchSize": 500])
    draft.set("BatchSize", to: 100)  // back to the original
    #expect(draft.updateBody.isEmpty)
    #expect(draft.changes.isEmpty)
  }

  @Test func nestedObjectsAreSentWholeWithMembersSluiceDoesNotKnow() {
    let mapping = Fixtures.mapping(
      .msk,
      [
        "ProvisionedPollerConfig": [
          "MinimumPollers": 1, "MaximumPollers": 10, "FuturePollerMode": "fast",
        ]
      ])
    var draft = Draft(mapping: mapping)
    draft.set("ProvisionedPollerConfig.MaximumPollers", to: 20)
    #expect(
      draft.updateBody == [
        "ProvisionedPollerConfig": [
          "MinimumPollers": 1, "MaximumPollers": 20, "FuturePollerMode": "fast",
        ]
      ])
    #expect(draft.diff.map(\.text) == ["~ ProvisionedPollerConfig.MaximumPollers: 10 -> 20"])
  }

  struct ClearCase: Sendable {
    let path: String
    let member: String
    let empty: JSONValue
    let kind: SourceKind
    let existing: [String: JSONValue]
  }

  static let clearCases: [ClearCase] = [
    ClearCase(
      path: "ScalingConfig.MaximumConcurrency", member: "ScalingConfig", empty: [:],
      kind: .sqsStandard,
      existing: ["ScalingConfig": ["MaximumConcurrency": 50]]),
    ClearCase(
      path: "FilterCriteria.Filters[].Pattern", member: "FilterCriteria", empty: [:],
      kind: .kinesis,
      existing: ["FilterCriteria": ["Filters": [["Pattern": #"{"a": ["b"]}"#]]]]),
    ClearCase(
      path: "KMSKeyArn", member: "KMSKeyArn", empty: "", kind: .kinesis,
      existing: ["KMSKeyArn": "arn:aws:kms:us-east-1:123456789012:key/k"]),
    ClearCase(
      path: "MetricsConfig.Metrics", member: "MetricsConfig", empty: ["Metrics": []], kind: .msk,
      existing: ["MetricsConfig": ["Metrics": ["EventCount"]]]),
    ClearCase(
      path: "FunctionResponseTypes", member: "FunctionResponseTypes", empty: [], kind: .sqsStandard,
      existing: ["FunctionResponseTypes": ["ReportBatchItemFailures"]]),
    ClearCase(
      path: "DestinationConfig.OnFailure.Destination", member: "DestinationConfig", empty: [:],
      kind: .kinesis,
      existing: [
        "DestinationConfig": [
          "OnFailure": ["Destination": "arn:aws:sqs:us-east-1:123456789012:dlq"]
        ]
      ]),
  ]

  @Test(arguments: clearCases)
  func clearingSendsTheExplicitEmptyValue(_ clear: ClearCase) {
    var draft = Draft(mapping: Fixtures.mapping(clear.kind, clear.existing))
    draft.set(FieldPath(clear.path), to: nil)
    #expect(draft.updateBody == [clear.member: clear.empty])
    #expect(draft.after[clear.member] == nil)
    #expect(!draft.diff.isEmpty)
    #expect(draft.diff.allSatisfy { if case .removed = $0.change { true } else { false } })
    #expect(Validator.validate(draft).isEmpty)
  }

  @Test func clearingWhatIsNotSetSendsNothing() {
    var draft = Draft(mapping: Fixtures.mapping(.sqsStandard))
    draft.set("ScalingConfig.MaximumConcurrency", to: nil)
    #expect(draft.updateBody.isEmpty)
  }

  @Test func pausingAnEnabledMappingSendsEnabledFalse() {
    var draft = Draft(mapping: Fixtures.mapping(.sqsStandard))
    #expect(draft.value(at: "Enabled") == true)
    draft.set("Enabled", to: false)
    #expect(draft.updateBody == ["Enabled": false])
    #expect(draft.diff.map(\.text) == ["~ Enabled: true -> false"])
    let paused = Draft(
      mapping: Fixtures.mapping(.sqsStandard, ["State": "Disabled"]), changes: ["Enabled": false])
    #expect(paused.updateBody.isEmpty)
  }

  @Test func sameFunctionByNameIsNoChange() {
    let draft = Draft(
      mapping: Fixtures.mapping(.kinesis), changes: ["FunctionName": "orders-worker"])
    #expect(draft.updateBody.isEmpty)
    let other = Draft(
      mapping: Fixtures.mapping(.kinesis), changes: ["FunctionName": "orders-worker-v2"])
    #expect(other.updateBody == ["FunctionName": "orders-worker-v2"])
  }

  @Test func settingAListOfPatternsBuildsFilterObjects() {
    var draft = Draft(mapping: Fixtures.mapping(.sqsStandard))
    draft.set("FilterCriteria.Filters[].Pattern", to: [#"{"a": ["1"]}"#, #"{"b": ["2"]}"#])
    #expect(
      draft.updateBody == [
        "FilterCriteria": [
          "Filters": [["Pattern": #"{"a": ["1"]}"#], ["Pattern": #"{"b": ["2"]}"#]]
        ]
      ])
    #expect(
      draft.value(at: "FilterCriteria.Filters[].Pattern") == [#"{"a": ["1"]}"#, #"{"b": ["2"]}"#])
  }

  @Test func discardDropsEverything() {
    var draft = Draft(mapping: Fixtures.mapping(.kinesis), changes: ["BatchSize": 7])
    draft.discardChanges()
    #expect(draft.updateBody.isEmpty && draft.diff.isEmpty)
  }
}

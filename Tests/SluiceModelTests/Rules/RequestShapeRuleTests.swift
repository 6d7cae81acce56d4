import SluiceModel
import Testing

struct RequestShapeRuleTests {
  @Test(arguments: [
    ("UUID", "uuid-in-body"), ("EventSourceArn", "create-only"),
    ("StartingPosition", "create-only"),
    ("Topics", "create-only"), ("Queues", "create-only"), ("Tags", "create-only"),
    ("SelfManagedEventSource", "create-only"), ("StartingPositionTimestamp", "create-only"),
    ("State", "response-only"), ("FunctionArn", "response-only"), ("LastModified", "response-only"),
    ("BatchSzie", "unknown-member"),
  ])
  func membersThatCannotBeSent(_ member: String, _ rule: String) {
    let errors = Fixtures.errors(.kinesis, [member: "x"])
    #expect(errors.map(\.rule) == [rule])
    #expect(errors.first?.path == member)
  }

  @Test func unknownNestedMembersAreNamed() {
    let errors = Fixtures.errors(.sqsStandard, ["ScalingConfig": ["MaxConcurrency": 5]])
    #expect(errors.map(\.path) == ["ScalingConfig.MaxConcurrency"])
    #expect(errors.first?.message.contains("not a member of ScalingConfig") == true)
  }

  @Test func nestedMembersTheMappingAlreadyHasAreKept() {
    let mapping: [String: JSONValue] = ["ScalingConfig": ["MaximumConcurrency": 5, "Burst": 2]]
    let body: [String: JSONValue] = ["ScalingConfig": ["MaximumConcurrency": 6, "Burst": 2]]
    #expect(Fixtures.errors(.sqsStandard, body, mapping: mapping).isEmpty)
  }

  @Test func scalarsCannotBeCleared() {
    let errors = Fixtures.errors(.sqsFIFO, ["BatchSize": .null])
    #expect(errors.map(\.rule) == ["cannot-clear"])
    #expect(errors.first?.message.contains("the default is 10") == true)
  }

  @Test func booleansMustBeBooleans() {
    #expect(Fixtures.errors(.kinesis, ["Enabled": "yes"]).map(\.rule) == ["type"])
    #expect(
      Fixtures.errors(.kinesis, ["Enabled": false, "BisectBatchOnFunctionError": true]).isEmpty)
  }

  @Test func errorsComeBeforeWarnings() {
    let findings = Fixtures.findings(
      .msk, ["MaximumBatchingWindowInSeconds": 2, "BatchSize": 0])
    #expect(findings.map(\.severity) == [.error, .warning])
  }

  @Test func findingsForOneFieldAreFilteredByPath() {
    let draft = Draft(
      mapping: Fixtures.mapping(.kinesis),
      changes: ["BatchSize": 0, "FilterCriteria": ["Filters": [["Pattern": "x"]]]])
    #expect(Validator.findings(for: "BatchSize", in: draft).map(\.rule) == ["range"])
    #expect(
      Validator.findings(for: "FilterCriteria.Filters[].Pattern", in: draft).map(\.rule)
        == ["filter-pattern"])
  }
}

import SluiceModel
import Testing

struct ConflictTests {
  @Test func aRemoteChangeToATouchedFieldConflicts() throws {
    let base = Fixtures.mapping(.kinesis)
    let draft = Draft(mapping: base, changes: ["BatchSize": 500])
    let remote = Fixtures.mapping(.kinesis, ["BatchSize": 200])
    let conflict = try #require(Conflict(draft: draft, remote: remote))
    #expect(conflict.fields.map(\.member) == ["BatchSize"])
    #expect(conflict.fields.map(\.base) == [100])
    #expect(conflict.fields.map(\.remote) == [200])
    #expect(conflict.fields.map(\.mine) == [500])
    let rebased = conflict.rebased(draft)
    #expect(rebased.updateBody == ["BatchSize": 500])
    #expect(rebased.before["BatchSize"] == 200)
    #expect(Conflict(draft: rebased, remote: remote) == nil)
  }

  @Test func remoteChangesElsewhereNeverBlock() {
    let draft = Draft(mapping: Fixtures.mapping(.kinesis), changes: ["BatchSize": 500])
    let remote = Fixtures.mapping(.kinesis, ["ParallelizationFactor": 4, "State": "Disabled"])
    #expect(Conflict(draft: draft, remote: remote) == nil)
    #expect(draft.updateBody.keys.sorted() == ["BatchSize"])
  }

  @Test func nestedObjectsCompareWhole() {
    let base = Fixtures.mapping(.sqsStandard, ["ScalingConfig": ["MaximumConcurrency": 5]])
    let draft = Draft(mapping: base, changes: ["ScalingConfig": ["MaximumConcurrency": 9]])
    let remote = Fixtures.mapping(.sqsStandard, ["ScalingConfig": ["MaximumConcurrency": 7]])
    #expect(Conflict(draft: draft, remote: remote)?.fields.map(\.member) == ["ScalingConfig"])
  }
}

struct ApplyCheckTests {
  @Test func aRemoteThatAlreadyHoldsMyValuesIsNoConflictAndNothingIsSent() {
    let draft = Draft(mapping: Fixtures.mapping(.kinesis), changes: ["BatchSize": 500])
    let remote = Fixtures.mapping(.kinesis, ["BatchSize": 500])
    #expect(Conflict(draft: draft, remote: remote) == nil)
    #expect(ApplyCheck(draft: draft, remote: remote) == .alreadyApplied)
  }

  @Test func onlyMembersStillDifferentAreSent() {
    let draft = Draft(
      mapping: Fixtures.mapping(.kinesis), changes: ["BatchSize": 500, "Enabled": false])
    let remote = Fixtures.mapping(.kinesis, ["State": "Disabled"])
    #expect(ApplyCheck(draft: draft, remote: remote) == .send(["BatchSize": 500]))
    #expect(
      ApplyCheck(draft: draft, remote: Fixtures.mapping(.kinesis))
        == .send(["BatchSize": 500, "Enabled": false]))
  }

  @Test func aTouchedMemberChangedToSomethingElseIsAConflict() {
    let draft = Draft(mapping: Fixtures.mapping(.kinesis), changes: ["BatchSize": 500])
    let remote = Fixtures.mapping(.kinesis, ["BatchSize": 42])
    guard case .conflict(let conflict) = ApplyCheck(draft: draft, remote: remote) else {
      Issue.record("expected a conflict")
      return
    }
    #expect(conflict.fields.map(\.remote) == [42])
  }
}

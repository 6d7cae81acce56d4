import Foundation
import SluiceClient
import SluiceModel
import Testing

@testable import SluiceApp

/// A private state directory per test, removed afterwards.
final class ScratchState {
  let directory: StateDirectory
  init() {
    directory = StateDirectory(
      path: FileManager.default.temporaryDirectory.appendingPathComponent(
        "sluice-state-\(UUID().uuidString)"
      ).path + "/sluice")
  }
  deinit {
    try? FileManager.default.removeItem(
      atPath: (directory.path as NSString).deletingLastPathComponent)
  }

  func mode(_ path: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
  }
}

/// The demo account, counting how often STS is asked and able to refuse it.
actor CountingService: MappingService {
  let demo = DemoBackend(mappings: 8, transitionSeconds: 0)
  let identityFails: Bool
  private(set) var identityCalls = 0

  init(identityFails: Bool = false) { self.identityFails = identityFails }

  func listAll(
    functionName: String?, eventSourceArn: String?, onPage: @Sendable ([EventSourceMapping]) -> Void
  ) async throws -> [EventSourceMapping] {
    try await demo.listAll(
      functionName: functionName, eventSourceArn: eventSourceArn, onPage: onPage)
  }
  func get(_ uuid: String) async throws -> EventSourceMapping { try await demo.get(uuid) }
  func update(_ uuid: String, body: [String: JSONValue], settleTimeout: Double) async throws
    -> AcceptedUpdate
  {
    try await demo.update(uuid, body: body, settleTimeout: settleTimeout)
  }
  func callerIdentity() async throws -> CallerIdentity {
    identityCalls += 1
    if identityFails { throw AWSServiceError(code: "AccessDenied", message: "no sts", status: 403) }
    return try await demo.callerIdentity()
  }
}

struct StateDirectoryTests {
  @Test func followsXDGStateHomeElseTheHomeDirectory() {
    let xdg = AWSEnvironment(variables: ["XDG_STATE_HOME": "/srv/state"], homeDirectory: "/home/op")
    #expect(StateDirectory(environment: xdg).path == "/srv/state/sluice")
    let relative = AWSEnvironment(variables: ["XDG_STATE_HOME": "state"], homeDirectory: "/home/op")
    #expect(StateDirectory(environment: relative).path == "/home/op/.local/state/sluice")
    let plain = AWSEnvironment(variables: [:], homeDirectory: "/home/op")
    #expect(
      StateDirectory(environment: plain).auditLog.path == "/home/op/.local/state/sluice/audit.jsonl"
    )
  }

  @Test func oneJournalPerProfileRegionAndAccountThatCannotEscapeTheDirectory() {
    let directory = StateDirectory(path: "/s")
    #expect(
      directory.journal(profile: "prod", region: "eu-west-1", account: "111122223333").path
        == "/s/queues/prod_eu-west-1_111122223333.json")
    #expect(
      directory.journal(profile: "../../etc/x", region: "r", account: "a").path
        == "/s/queues/------etc-x_r_a.json")
  }
}

struct AuditLogTests {
  static func record(_ uuid: String, _ result: AuditRecord.Result, batch: Int) -> AuditRecord {
    AuditRecord(
      time: AuditRecord.timestamp(Date(timeIntervalSince1970: 1_764_316_800 + Double(batch))),
      profile: "prod", region: "us-east-1", account: "111122223333",
      caller: "arn:aws:iam::111122223333:user/op",
      uuid: uuid, function: "orders",
      changes: [.init(field: "BatchSize", before: 10, after: .number(Double(batch)))],
      result: result, error: result == .failed ? "ThrottlingException: slow down" : nil,
      requestId: "r-\(batch)")
  }

  @Test func appendsPrivateLinesAndReadsThemBackSkippingDamage() throws {
    let scratch = ScratchState()
    let log = scratch.directory.auditLog
    #expect(try log.read().records.isEmpty)
    try log.append(Self.record("u-1", .accepted, batch: 20))
    try log.append(Self.record("u-1", .failed, batch: 30))
    try log.append(Self.record("u-2", .accepted, batch: 40))
    #expect(try scratch.mode(log.path) == 0o600)
    #expect(try scratch.mode(scratch.directory.path) == 0o700)
    let handle = try #require(FileHandle(forWritingAtPath: log.path))
    handle.seekToEndOfFile()
    handle.write(Data("{\"torn\": \n".utf8))
    try handle.close()
    let (records, unreadable) = try log.read()
    #expect(records.map(\.requestId) == ["r-20", "r-30", "r-40"])
    #expect(unreadable == 1)
    #expect(try log.lastAccepted(uuid: "u-1")?.requestId == "r-20")
    #expect(try log.lastAccepted(uuid: "u-3") == nil)
    let line = try AuditLog.line(records[0])
    #expect(!line.contains("\n") && line.hasPrefix("{\"account\":\"111122223333\""))
  }
}

struct QueueJournalTests {
  static let mappings = DemoData.mappings(count: 4, now: Date(timeIntervalSince1970: 1_764_316_800))
    .map { try! EventSourceMapping(document: $0) }

  @Test func savesAtomicallyPrivatelyAndRestoresEveryDraft() throws {
    let scratch = ScratchState()
    let journal = scratch.directory.journal(profile: "p", region: "r", account: "a")
    #expect(try journal.load() == nil)
    let drafts = [
      Draft(mapping: Self.mappings[0], changes: ["BatchSize": 5]),
      Draft(mapping: Self.mappings[1], changes: ["FilterCriteria": [:]]),
    ]
    try journal.save(drafts, at: Date(timeIntervalSince1970: 1_764_316_800))
    #expect(try scratch.mode(journal.path) == 0o600)
    let loaded = try #require(try journal.load())
    #expect(loaded.drafts == drafts)
    #expect(loaded.savedAt == "2025-11-28T08:00:00.000Z")
    let leftovers = try FileManager.default.contentsOfDirectory(
      atPath: scratch.directory.path + "/queues")
    #expect(leftovers == ["p_r_a.json"])
    try journal.save([])
    #expect(!FileManager.default.fileExists(atPath: journal.path))
    try journal.save([])
  }

  @Test func settingAsideKeepsTheFileUnderAnotherName() throws {
    let scratch = ScratchState()
    let journal = scratch.directory.journal(profile: "p", region: "r", account: "a")
    try journal.save([Draft(mapping: Self.mappings[0], changes: ["BatchSize": 5])])
    let place = try journal.setAside(at: Date(timeIntervalSince1970: 1_764_316_800))
    #expect(place.hasSuffix("p_r_a.set-aside-2025-11-28T080000.000Z.json"))
    #expect(try journal.load() == nil)
    #expect(try QueueJournal(path: place).load()?.drafts.count == 1)
  }

  @Test func oneProcessAtATimeMayClaimAJournal() throws {
    let scratch = ScratchState()
    let journal = scratch.directory.journal(profile: "p", region: "r", account: "a")
    var first = journal.claim()
    #expect(first != nil)
    #expect(journal.claim() == nil)
    first = nil
    #expect(journal.claim() != nil)
  }

  @Test func aDamagedJournalIsAnErrorNotAnEmptyQueue() throws {
    let scratch = ScratchState()
    let journal = scratch.directory.journal(profile: "p", region: "r", account: "a")
    try PrivateFile.replace(journal.path, with: Data("{not json".utf8))
    #expect(throws: (any Error).self) { _ = try journal.load() }
  }
}

struct UndoTests {
  static let mapping = QueueJournalTests.mappings[0]

  @Test func putsBackBeforeValuesAndClearsMembersThatWereAbsent() {
    let record = AuditRecord(
      time: "t", profile: "p", region: "r", account: "a", caller: "c", uuid: Self.mapping.uuid,
      function: "f",
      changes: [
        .init(field: "BatchSize", before: 10, after: 5),
        .init(field: "FilterCriteria", before: nil, after: ["Filters": [["Pattern": "{}"]]]),
      ], result: .accepted)
    var current = Self.mapping.document
    current["BatchSize"] = 5
    current["FilterCriteria"] = ["Filters": [["Pattern": "{}"]]]
    let now = try! EventSourceMapping(document: current)
    let draft = Undo.draft(reversing: record, on: now)
    #expect(draft.updateBody == ["BatchSize": 10, "FilterCriteria": [:]])
    #expect(Undo.changedSince(record, on: now).isEmpty)
    current["BatchSize"] = 7
    #expect(
      Undo.changedSince(record, on: try! EventSourceMapping(document: current)) == ["BatchSize"])
  }

  @Test func undoingAPauseResumes() {
    let record = AuditRecord(
      time: "t", profile: "p", region: "r", account: "a", caller: "c", uuid: Self.mapping.uuid,
      function: "f", changes: [.init(field: "Enabled", before: true, after: false)],
      result: .accepted)
    var paused = Self.mapping.document
    paused["State"] = "Disabled"
    #expect(
      Undo.draft(reversing: record, on: try! EventSourceMapping(document: paused)).updateBody == [
        "Enabled": true
      ])
  }
}

struct IdentityFileTests {
  @Test func remembersPrivatelyAndForgetsTheOldestBeyondCapacity() throws {
    let scratch = ScratchState()
    let file = scratch.directory.identities
    #expect(file.identity(forKey: "AKID0") == nil)
    for index in 0...IdentityFile.capacity {
      file.remember(
        CallerIdentity(account: "\(index)", arn: "arn:aws:iam::\(index):user/u"),
        forKey: "AKID\(index)")
    }
    #expect(file.identity(forKey: "AKID0") == nil)
    #expect(file.identity(forKey: "AKID1")?.account == "1")
    #expect(
      file.identity(forKey: "AKID\(IdentityFile.capacity)")?.account == "\(IdentityFile.capacity)")
    #expect(try scratch.mode(file.path) == 0o600)
  }
}

/// A session whose configuration is refused fails with the reason, before it opens any connection
/// (an HTTP client made and dropped unclosed would trap).
struct SessionSettingsTests {
  @Test(arguments: [
    ("AWS_RETRY_MODE", "turbo", "retry mode turbo is not one of standard, adaptive, legacy"),
    ("AWS_MAX_ATTEMPTS", "0", "max attempts 0 is not a whole number of 1 or more"),
    ("HTTPS_PROXY", "ftp://x", "HTTPS_PROXY is not a proxy URL"),
  ])
  func aRefusedSettingIsNamed(_ name: String, _ value: String, _ message: String) {
    let environment = AWSEnvironment(
      variables: [name: value, "AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true"],
      homeDirectory: "/nonexistent")
    #expect {
      _ = try Session(options: Session.Options(), environment: environment)
    } throws: { "\($0)".contains(message) }
  }
}

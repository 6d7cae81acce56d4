import Foundation
import Testing

/// The subcommands against moto_server behind the verifying proxy: every request is signed and
/// checked, and every change is read back from moto directly.
@Suite(.serialized, .enabled(if: Peer.available, "moto_server is not running"))
final class PeerIntegrationTests {
  let peer: Peer

  init() throws { peer = try Peer() }
  deinit { peer.stop() }

  /// A seeded SQS standard mapping, read from moto.
  func standardQueueMapping() async throws -> String {
    for uuid in try peer.seed(4) {
      let mapping = try await peer.motoMapping(uuid)
      if let arn = mapping["EventSourceArn"] as? String, arn.contains(":sqs:"),
        !arn.hasSuffix(".fifo")
      {
        return uuid
      }
    }
    Issue.record("no SQS standard mapping was seeded")
    return ""
  }

  func count(_ stats: [String: Any], _ method: String) -> Int {
    (stats["by_method"] as? [String: Int])?[method] ?? 0
  }

  @Test func listFollowsEveryPage() async throws {
    let seeded = try peer.seed(7)
    try await peer.pageSize(3)
    try await peer.resetStats()
    let run = try peer.sluice(["list", "--json"])
    #expect(run.status == 0, "\(run.error)")
    let listed = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]
    let uuids =
      (listed?["EventSourceMappings"] as? [[String: Any]])?.compactMap { $0["UUID"] as? String }
      ?? []
    let total = try await peer.motoMappings().count
    #expect(Set(seeded).isSubset(of: Set(uuids)))
    #expect(uuids.count == total)
    #expect(Set(uuids).count == uuids.count)
    let stats = try await peer.stats()
    #expect(count(stats, "GET") == (total + 2) / 3)
    #expect(stats["rejected_signatures"] as? Int == 0)
    let table = try peer.sluice(["list"])
    #expect(table.output.hasPrefix("UUID"))
    #expect(table.output.contains(seeded[0]))
  }

  @Test func getShowsWhatMotoHolds() async throws {
    let uuid = try await standardQueueMapping()
    let run = try peer.sluice(["get", uuid, "--json"])
    #expect(run.status == 0, "\(run.error)")
    let shown = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]
    let held = try await peer.motoMapping(uuid)
    #expect(shown?["UUID"] as? String == uuid)
    #expect(shown?["BatchSize"] as? Int == held["BatchSize"] as? Int)
    #expect(shown?["EventSourceArn"] as? String == held["EventSourceArn"] as? String)
    let lines = try peer.sluice(["get", uuid]).output.split(separator: "\n")
    #expect(lines.contains { $0.hasPrefix("Kind ") && $0.hasSuffix(" SQS standard queues") })
  }

  @Test func pauseAndResumeChangeTheState() async throws {
    let uuid = try await standardQueueMapping()
    let pause = try peer.sluice(["pause", uuid, "--wait"])
    #expect(pause.status == 0, "\(pause.error)")
    #expect(pause.output.contains("paused \(uuid)"))
    #expect(try await peer.motoMapping(uuid)["State"] as? String == "Disabled")
    let resume = try peer.sluice(["resume", uuid])
    #expect(resume.status == 0, "\(resume.error)")
    #expect(try await peer.motoMapping(uuid)["State"] as? String == "Enabled")
  }

  @Test func updateIsValidatedSentAndReadBack() async throws {
    let uuid = try await standardQueueMapping()
    try await peer.resetStats()
    let dryRun = try peer.sluice(["update", uuid, "--set", "BatchSize=7", "--dry-run"])
    #expect(dryRun.status == 0, "\(dryRun.error)")
    #expect(dryRun.output.contains("Dry run: nothing was sent."))
    let refused = try peer.sluice(["update", uuid, "--set", "BatchSize=50"])
    #expect(refused.status == 1)
    #expect(refused.output.contains("needs MaximumBatchingWindowInSeconds of at least 1"))
    #expect(try await peer.stats()["mutating"] as? Int == 0)
    let update = try peer.sluice([
      "update", uuid, "--set", "BatchSize=50", "--set", "MaximumBatchingWindowInSeconds=2",
    ])
    #expect(update.status == 0, "\(update.error)")
    #expect(update.output.contains(#"Body: {"BatchSize":50,"MaximumBatchingWindowInSeconds":2}"#))
    let held = try await peer.motoMapping(uuid)
    #expect(held["BatchSize"] as? Int == 50)
    #expect(held["MaximumBatchingWindowInSeconds"] as? Int == 2)
    #expect(try await peer.stats()["mutating"] as? Int == 1)
  }

  @Test func badCredentialsFailOnceWithAClearError() async throws {
    try await peer.resetStats()
    let wrongSecret = try peer.sluice(
      ["list"], environment: ["AWS_SECRET_ACCESS_KEY": "not-the-secret"])
    #expect(wrongSecret.status == 1)
    #expect(wrongSecret.error.contains("InvalidSignatureException"))
    #expect(!wrongSecret.error.contains("not-the-secret"))
    let unknownKey = try peer.sluice(
      ["pause", "00000000-0000-0000-0000-000000000000"],
      environment: ["AWS_ACCESS_KEY_ID": "AKIDUNKNOWN"])
    #expect(unknownKey.status == 1)
    #expect(unknownKey.error.contains("UnrecognizedClientException"))
    let stats = try await peer.stats()
    #expect(stats["requests"] as? Int == 2)
    #expect(stats["rejected_signatures"] as? Int == 2)
  }

  @Test func noCredentialsAtAllSendsNothing() async throws {
    try await peer.resetStats()
    let run = try peer.sluice(
      ["list"], environment: ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""])
    #expect(run.status == 1)
    #expect(run.error.contains("No AWS credentials found. Tried: environment variables"))
    #expect(try await peer.stats()["requests"] as? Int == 0)
  }

  @Test func throttlingResetsAndServerErrorsAreRetried() async throws {
    let uuid = try await standardQueueMapping()
    let path = "/2015-03-31/event-source-mappings/" + uuid
    try await peer.faults([
      ["kind": "429", "retry_after": 1, "match": ["method": "PUT", "path_prefix": path]],
      ["kind": "reset", "match": ["method": "PUT", "path_prefix": path]],
      ["kind": "500", "match": ["method": "GET", "path_prefix": path]],
      ["kind": "503", "match": ["method": "GET", "path_prefix": path]],
    ])
    try await peer.resetStats()
    let pause = try peer.sluice(["pause", uuid])
    #expect(pause.status == 0, "\(pause.error)")
    let get = try peer.sluice(["get", uuid, "--json"])
    #expect(get.status == 0, "\(get.error)")
    #expect(get.output.contains(#""State": "Disabled""#))
    let stats = try await peer.stats()
    #expect(stats["faults_injected"] as? Int == 4)
    // pause reads the mapping first (its before-values go to the audit log): that read meets the
    // 500 and the 503, then the get command reads once more.
    #expect(count(stats, "PUT") == 3 && count(stats, "GET") == 4)
    #expect(try await peer.motoMapping(uuid)["State"] as? String == "Disabled")
  }

  @Test func aClientErrorIsNotRetried() async throws {
    let uuid = try await standardQueueMapping()
    try await peer.faults([
      [
        "kind": "400",
        "match": ["method": "PUT", "path_prefix": "/2015-03-31/event-source-mappings/" + uuid],
      ]
    ])
    try await peer.resetStats()
    let pause = try peer.sluice(["pause", uuid])
    #expect(pause.status == 1)
    #expect(
      pause.error.contains("\(uuid): InvalidParameterValueException: Injected invalid parameter"))
    #expect(count(try await peer.stats(), "PUT") == 1)
    #expect(try await peer.motoMapping(uuid)["State"] as? String == "Enabled")
  }

  /// 200 mappings chosen by a filter, paused with 30 % of the updates failing (429, 500, 503,
  /// resets): every one ends up disabled, as moto tells it.
  @Test func bulkPauseSurvivesFaults() async throws {
    let prefix = "bulk-\(UUID().uuidString.prefix(6).lowercased())"
    let uuids = try peer.seed(200, prefix: prefix)
    try await peer.randomFaults(rate: 0.3, method: "PUT")
    try await peer.resetStats()
    let run = try peer.sluice(["pause", "--all-matching", prefix, "--yes", "--max-attempts", "12"])
    #expect(run.status == 0, "\(run.error)")
    #expect(run.output.contains("paused 200 of 200 mappings in "))
    let stats = try await peer.stats()
    #expect((stats["faults_injected"] as? Int ?? 0) > 20)
    var disabled = 0
    for mapping in try await peer.motoMappings()
    where uuids.contains(mapping["UUID"] as? String ?? "") {
      if mapping["State"] as? String == "Disabled" { disabled += 1 }
    }
    #expect(disabled == 200)
  }

  /// With default settings (3 attempts a request), a bulk pause where most PUTs fail with 429,
  /// 500, 503 or a reset keeps going until every mapping is paused: each mapping's failure is
  /// final only when its error is not retryable.
  @Test func bulkPauseKeepsGoingUnderHeavyFaultsWithDefaultSettings() async throws {
    let prefix = "storm-\(UUID().uuidString.prefix(6).lowercased())"
    let uuids = try peer.seed(40, prefix: prefix)
    try await peer.randomFaults(rate: 0.6, method: "PUT")
    try await peer.resetStats()
    let run = try peer.sluice(["pause", "--all-matching", prefix, "--yes"])
    #expect(run.status == 0, "\(run.error)")
    #expect(run.output.contains("paused 40 of 40 mappings in "), "\(run.output)")
    #expect((try await peer.stats()["faults_injected"] as? Int ?? 0) > 40)
    let states = try await peer.motoMappings().filter {
      uuids.contains($0["UUID"] as? String ?? "")
    }
    #expect(states.count == 40 && states.allSatisfy { $0["State"] as? String == "Disabled" })
  }

  /// Chosen by a filter, a bulk change asks first, and refuses to guess when nobody can answer.
  @Test func bulkPauseWithoutATerminalAsksForYes() async throws {
    let prefix = "ask-\(UUID().uuidString.prefix(6).lowercased())"
    _ = try peer.seed(3, prefix: prefix)
    try await peer.resetStats()
    let run = try peer.sluice(["pause", "--all-matching", prefix])
    #expect(run.status == 2)
    #expect(run.error.contains("Pause 3 mappings of \(prefix)-fn-"))
    #expect(run.error.contains("add --yes"))
    #expect(try await peer.stats()["mutating"] as? Int == 0)
    let both = try peer.sluice(["pause", "some-uuid", "--all-matching", prefix])
    #expect(both.status == 2)
  }

  /// With read_only in the config file, every change path is tried and the proxy sees no change.
  @Test func readOnlySendsNoChangeByAnyPath() async throws {
    let uuid = try await standardQueueMapping()
    let home = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sluice-ro-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(
      atPath: home + "/.config/sluice", withIntermediateDirectories: true)
    try "[profiles.default]\nread_only = true\n".write(
      toFile: home + "/.config/sluice/config.toml", atomically: true, encoding: .utf8)
    try await peer.resetStats()
    for arguments in [
      ["pause", uuid], ["resume", uuid], ["pause", "--all-matching", uuid, "--yes"],
      ["update", uuid, "--set", "BatchSize=3"],
    ] {
      let run = try peer.sluice(arguments, environment: ["HOME": home])
      #expect(run.status == 1, "\(arguments)")
      #expect(run.error.contains("read-only"), "\(arguments): \(run.error)")
    }
    #expect(
      try peer.sluice(
        ["update", uuid, "--set", "BatchSize=3", "--dry-run"], environment: ["HOME": home]
      ).status == 0)
    let tmux = try peer.terminal(columns: 100, rows: 30, home: home)
    #expect(try tmux.screen()[0].contains("READ-ONLY"))
    try tmux.press("/")
    try tmux.type(uuid, until: " / \(uuid)")
    try tmux.press("Enter", "p", until: "READ-ONLY: changes are turned off")
    // No dialog to answer: the y only clears the message.
    try tmux.press("y", untilGone: "READ-ONLY: changes are turned off")
    try tmux.press("Enter", until: "Fields for SQS standard queues")
    try tmux.setField("batchsize", to: "3")
    try tmux.press("Enter", "w", until: "READ-ONLY: changes are turned off")
    try tmux.press("Q", until: "Nothing queued.")
    try tmux.press("A", "y", "Escape", "Escape", "q")
    try tmux.waitForShell()
    let stats = try await peer.stats()
    #expect(stats["mutating"] as? Int == 0)
    #expect((stats["by_method"] as? [String: Int])?["GET"] ?? 0 > 0)
  }

  /// A remote change to the field an edit touches holds that edit back; a remote change to another
  /// field does not, and survives the apply.
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
  func conflictingRemoteChangesBlockOnlyTouchedEdits() async throws {
    let uuid = try await standardQueueMapping()
    let tmux = try peer.terminal(columns: 120, rows: 40)
    try tmux.edit("batchsize", of: uuid, to: "6", kind: "SQS standard queues")
    try tmux.press("Enter", "w", until: "Queued an edit")
    try await peer.motoUpdate(uuid, ["BatchSize": 9])
    let held = try tmux.press("Q", "Enter", "y", until: "changed on AWS")
    #expect(held.contains { $0.contains("BatchSize  base ") && $0.hasSuffix("AWS now 9  mine 6") })
    #expect(try await peer.motoMapping(uuid)["BatchSize"] as? Int == 9)
    try tmux.press("d", until: "Dropped the edit to")
    try tmux.press("Escape", until: TUITests.listHeader)
    try tmux.press("Enter", until: "Fields for SQS standard queues")
    try tmux.setField("batchsize", to: "4")
    try tmux.press("Enter", "w", until: "Queued an edit")
    try await peer.motoUpdate(uuid, ["MaximumBatchingWindowInSeconds": 3])
    try tmux.press("Q", "Enter", "y", until: "Applied the edit")
    let held2 = try await peer.motoMapping(uuid)
    #expect(held2["BatchSize"] as? Int == 4)
    #expect(held2["MaximumBatchingWindowInSeconds"] as? Int == 3)
    try tmux.press("Escape", "q")
    try tmux.waitForShell()
  }

  /// The TUI against the peer: edit, queue, apply and pause in tmux, then read moto back.
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
  func terminalUIEditsAndPausesThroughTheProxy() async throws {
    let uuid = try await standardQueueMapping()
    let tmux = try peer.terminal(columns: 120, rows: 40, then: "; echo exit-$((100+$?))")
    try tmux.edit("batchsize", of: uuid, to: "7", kind: "SQS standard queues")
    let queue = try tmux.press(
      "Enter", "w", "Q", until: "PUT /2015-03-31/event-source-mappings/\(uuid)")
    #expect(queue.filter { $0.hasPrefix(" + ") } == [" + BatchSize: 7"])
    try tmux.press("Enter", "y", until: "Applied the edit")
    #expect(try await peer.motoMapping(uuid)["BatchSize"] as? Int == 7)
    try tmux.press("Escape", "p", until: "Pause mapping")
    try tmux.press("y", until: "is now Disabled")
    #expect(try await peer.motoMapping(uuid)["State"] as? String == "Disabled")
    #expect(try await peer.stats()["rejected_signatures"] as? Int == 0)
    try tmux.press("q")
    // A clean exit: every connection closed, nothing left to crash on the way out.
    #expect(try tmux.waitFor("exit-100").contains("exit-100"))
  }
}

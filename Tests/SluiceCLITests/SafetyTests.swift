import Foundation
import Testing

/// The operator-safety features against moto behind the verifying proxy: the audit log, undo, the
/// crash-safe queue, and secrets kept out of everything Sluice writes.
@Suite(.serialized, .enabled(if: Peer.available, "moto_server is not running"))
final class SafetyTests {
  let peer: Peer
  static let tmuxInstalled = FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")

  init() throws { peer = try Peer() }
  deinit { peer.stop() }

  var auditPath: String { peer.stateHome + "/sluice/audit.jsonl" }

  func auditLines() throws -> [[String: Any]] {
    let text = (try? String(contentsOfFile: auditPath, encoding: .utf8)) ?? ""
    return try text.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  @Test func everyChangeIsAuditedAndUndoPutsTheLastOneBack() async throws {
    let uuid = try #require(try peer.seed(1).first)
    let original = try await peer.motoMapping(uuid)["BatchSize"] as? Int
    #expect(try peer.sluice(["pause", uuid]).status == 0)
    #expect(try peer.sluice(["update", uuid, "--set", "BatchSize=4"]).status == 0)
    #expect(try peer.sluice(["update", uuid, "--set", "BatchSize=0"]).status == 1)
    let lines = try auditLines()
    #expect(lines.count == 2)
    let pause = lines[0]
    #expect(pause["uuid"] as? String == uuid && pause["result"] as? String == "accepted")
    #expect(
      pause["account"] as? String == "123456789012" && pause["region"] as? String == "us-east-1")
    #expect((pause["caller"] as? String)?.hasPrefix("arn:aws:") == true)
    #expect((pause["requestId"] as? String)?.isEmpty == false)
    let changes = try #require(lines[1]["changes"] as? [[String: Any]])
    #expect(changes.count == 1 && changes[0]["field"] as? String == "BatchSize")
    #expect(changes[0]["before"] as? Int == original && changes[0]["after"] as? Int == 4)
    let mode =
      try FileManager.default.attributesOfItem(atPath: auditPath)[.posixPermissions] as? Int
    #expect(mode == 0o600)

    let shown = try peer.sluice(["log", "--uuid", uuid])
    #expect(shown.output.contains("BatchSize: \(original ?? -1) -> 4"))
    #expect(shown.output.contains("Enabled: true -> false"))
    #expect(
      try peer.sluice(["log", "--json", "--last", "1"]).output.split(separator: "\n").count == 1)

    try await peer.resetStats()
    let unasked = try peer.sluice(["undo", uuid])
    #expect(unasked.status == 2 && unasked.error.contains("--yes"))
    #expect(try await peer.stats()["mutating"] as? Int == 0)
    let undone = try peer.sluice(["undo", uuid, "--yes"])
    #expect(undone.status == 0, "\(undone.error)")
    #expect(undone.output.contains("~ BatchSize: 4 -> \(original ?? -1)"))
    #expect(try await peer.motoMapping(uuid)["BatchSize"] as? Int == original)
    #expect(try await peer.motoMapping(uuid)["State"] as? String == "Disabled")
    #expect(try auditLines().count == 3)
  }

  /// `sluice undo --queue` leaves the undo for the terminal UI, which offers it, shows its diff and
  /// applies it; while a terminal UI holds the account's queue, the command refuses.
  @Test(.enabled(if: tmuxInstalled))
  func anUndoQueuedFromTheCommandLineIsOfferedInTheTerminalUI() async throws {
    let uuid = try #require(try peer.seed(1).first)
    #expect(try peer.sluice(["update", uuid, "--set", "BatchSize=3"]).status == 0)
    let queued = try peer.sluice(["undo", uuid, "--queue"])
    #expect(queued.status == 0, "\(queued.error)")
    #expect(queued.output.contains("~ BatchSize: 3 -> ") && queued.output.contains("Queued in "))
    #expect(try await peer.motoMapping(uuid)["BatchSize"] as? Int == 3)
    let again = try peer.sluice(["undo", uuid, "--queue"])
    #expect(again.status == 1 && again.error.contains("already queued"))

    let tmux = try peer.terminal(columns: 120, rows: 40, then: "; echo exit-$((100+$?))")
    try tmux.waitFor("Restore queued edits")
    let busy = try peer.sluice(["undo", uuid, "--queue"])
    #expect(busy.status == 1 && busy.error.contains("terminal UI has this account's queue open"))
    let diff = try tmux.press("y", "Q", until: "PUT /2015-03-31/event-source-mappings/\(uuid)")
    #expect(diff.contains(" - BatchSize: 3"), "\(diff.text)")
    try tmux.press("Enter", "y", until: "Applied the edit")
    #expect(try await peer.motoMapping(uuid)["BatchSize"] as? Int != 3)
    try tmux.press("Escape", "q")
    try tmux.waitFor("exit-100")
  }

  /// Three edits queued; the first applied, the second in flight when Sluice is killed with
  /// SIGKILL, the third never sent. The next start restores the second and third; applying them
  /// sends the third once and recognises the second as already done.
  @Test(.enabled(if: tmuxInstalled))
  func aKilledApplyIsRestoredWithoutSendingAnythingTwice() async throws {
    let uuids = try peer.seed(3, prefix: "kill\(UUID().uuidString.prefix(4).lowercased())")
    let tmux = try peer.terminal(columns: 120, rows: 40, then: "; echo exit-$((100+$?))")
    for uuid in uuids {
      try tmux.edit("batchsize", of: uuid, to: "7", kind: "")
      try tmux.press("Enter", "w", until: "Queued an edit")
      try tmux.press("Escape", until: " / to filter")
    }
    #expect(try tmux.screen()[0].contains("3 queued"))
    try tmux.press("Q", "Enter", "y", until: "Applied the edit")
    try await peer.faults([
      [
        "kind": "delay", "delay_ms": 2500,
        "match": ["method": "PUT", "path_prefix": "/2015-03-31/event-source-mappings/" + uuids[1]],
      ]
    ])
    try tmux.press("Enter", "y")
    try await waitUntil("the proxy to see the PUT to \(uuids[1])") {
      try await self.peer.changes(to: uuids[1])
    } until: {
      $0 > 0
    }
    try peer.signalSluice("KILL")
    try tmux.waitFor("exit-237")

    try tmux.startSluice("--endpoint-url \(peer.url)", ready: "Restore queued edits")
    let offer = try tmux.screen().text
    #expect(offer.contains("2 edits are waiting"), "\(offer)")
    try tmux.send(["y"], until: "the two edits queued and every mapping loaded") {
      $0[0].contains("2 queued") && $0[0].contains(" mappings │ ")
    }
    try await waitUntil("moto to hold BatchSize 7 for \(uuids[1])") {
      try await self.peer.motoMapping(uuids[1])["BatchSize"] as? Int
    } until: {
      $0 == 7
    }
    try tmux.press("Q", "A", "y", until: "0 queued")
    for uuid in uuids {
      #expect(try await peer.motoMapping(uuid)["BatchSize"] as? Int == 7)
      #expect(try await peer.changes(to: uuid) == 1, "one update for \(uuid)")
    }
    try tmux.press("Escape", "q")
    try tmux.waitForShell()
  }

  /// Reads `probe` every 50 ms until `done` holds of what it returned, for at most 10 s; then
  /// fails, naming what was awaited and what was read last.
  func waitUntil<Value>(
    _ awaited: String, _ probe: () async throws -> Value, until done: (Value) -> Bool
  ) async throws {
    let deadline = Date().addingTimeInterval(10)
    var value = try await probe()
    while !done(value) {
      guard Date() < deadline else {
        throw TestFailure("Timed out after 10 s waiting for \(awaited). Last seen: \(value)")
      }
      try await Task.sleep(for: .milliseconds(50))
      value = try await probe()
    }
  }

  /// A dropped connection (SIGHUP) leaves a working terminal and the queue on disk.
  @Test(.enabled(if: tmuxInstalled))
  func aHangupRestoresTheTerminalAndKeepsTheQueue() async throws {
    let uuid = try #require(try peer.seed(1).first)
    let tmux = try peer.terminal(columns: 100, rows: 30, then: "; echo exit-$((100+$?))")
    try tmux.edit("batchsize", of: uuid, to: "6", kind: "")
    try tmux.press("Enter", "w", until: "Queued an edit")
    try peer.signalSluice("HUP")
    try tmux.waitFor("exit-229")
    try tmux.run("stty -a | grep -o -- '-\\?echo \\|-\\?icanon' ; echo done-$((1+1))")
    let modes = try tmux.waitFor("done-2").text
    #expect(modes.contains("echo") && !modes.contains("-echo") && !modes.contains("-icanon"))
    let journal = peer.stateHome + "/sluice/queues/default_us-east-1_123456789012.json"
    let saved = try String(contentsOfFile: journal, encoding: .utf8)
    #expect(saved.contains(uuid) && saved.contains("\"BatchSize\" : 6"))
    let mode = try FileManager.default.attributesOfItem(atPath: journal)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    #expect(try await peer.changes(to: uuid) == 0)
  }

  /// Every output, log, journal and audit file of a run that uses a session token: neither the
  /// secret key nor the token appears anywhere.
  @Test(.enabled(if: tmuxInstalled))
  func secretsAppearInNoOutputLogJournalOrAuditFile() async throws {
    let token = "SESSIONTOKEN-\(UUID().uuidString)"
    let uuid = try #require(try peer.seed(1).first)
    let withToken = ["AWS_SESSION_TOKEN": token]
    var outputs: [String] = []
    for arguments in [
      ["list", "--json"], ["get", uuid, "--verbose"], ["pause", uuid, "--verbose"],
      ["update", uuid, "--set", "BatchSize=3", "--verbose"],
      ["update", uuid, "--set", "BatchSize=-1"],
      ["undo", uuid, "--yes", "--verbose"], ["log"], ["log", "--json"], ["resume", uuid],
    ] {
      let run = try peer.sluice(arguments, environment: withToken)
      outputs += [run.output, run.error]
    }
    let refused = try peer.sluice(
      ["pause", uuid, "--verbose"],
      environment: withToken.merging(["AWS_SECRET_ACCESS_KEY": Peer.secretKey + "-wrong"]) {
        _, new in new
      })
    #expect(refused.status == 1)
    outputs += [refused.output, refused.error]
    let tmux = try peer.terminal(
      columns: 100, rows: 30, then: "; echo exit-$((100+$?))", environment: withToken)
    try tmux.edit("batchsize", of: uuid, to: "8", kind: "")
    let queue = try tmux.press("Enter", "w", "Q", until: "PUT /2015-03-31/event-source-mappings/")
    outputs.append(queue.text)
    try peer.signalSluice("HUP")
    // The shell's echo comes after everything Sluice wrote on its way out.
    outputs.append(try tmux.waitFor("exit-229").text)
    let files =
      FileManager.default.enumerator(atPath: peer.stateHome)?.compactMap { $0 as? String } ?? []
    #expect(
      files.contains { $0.hasSuffix("audit.jsonl") }
        && files.contains { $0.hasPrefix("sluice/queues/") && $0.hasSuffix(".json") })
    for file in files {
      outputs.append(
        (try? String(contentsOfFile: peer.stateHome + "/" + file, encoding: .utf8)) ?? "")
    }
    #expect(outputs.joined().contains(uuid))
    for (index, text) in outputs.enumerated() {
      #expect(!text.contains(Peer.secretKey), "output \(index) holds the secret key")
      #expect(!text.contains(token), "output \(index) holds the session token")
    }
  }
}

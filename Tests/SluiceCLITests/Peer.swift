import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A private verifying proxy in front of the shared moto_server, so this suite's faults and counters
/// are its own; plus ways to seed moto and read its state back without going through Sluice.
final class Peer: @unchecked Sendable {
  static let motoURL = ProcessInfo.processInfo.environment["SLUICE_TEST_MOTO_URL"]
  static let required = ProcessInfo.processInfo.environment["SLUICE_REQUIRE_PEER"] != nil
  static let available = motoURL != nil || required
  static let accessKey = "AKIDSLUICETEST"
  static let secretKey = "sluice-test-secret-key"
  static let scripts = ValidateCommandTests.packageRoot.appendingPathComponent("scripts/peer").path

  /// Where Sluice is pointed: plain HTTP, or HTTPS when `SLUICE_TEST_TLS=1` (the same proxy,
  /// one state, a certificate from the test CA), so whole suites can run over TLS.
  let url: String
  /// Where the tests' own control calls go: always plain HTTP (Foundation on Linux cannot trust
  /// the test CA).
  let controlURL: String
  /// The CA bundle Sluice must trust in TLS mode.
  static let caBundle: String? =
    ProcessInfo.processInfo.environment["SLUICE_TEST_TLS"] == "1"
    ? ProcessInfo.processInfo.environment["SLUICE_TEST_CA_BUNDLE"] : nil
  /// This peer's own XDG state directory: its runs' journals and audit log, apart from others'.
  let stateHome = FileManager.default.temporaryDirectory
    .appendingPathComponent("sluice-state-\(UUID().uuidString)").path
  private let process = Process()

  init() throws {
    let moto = try #require(Self.motoURL, "the test command must start moto_server")
    let portFile = FileManager.default.temporaryDirectory
      .appendingPathComponent("sluice-proxy-\(UUID().uuidString)").path
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", Self.scripts + "/verifying_proxy.py", "--upstream", moto, "--port", "0",
      "--port-file", portFile,
    ]
    if let bundle = Self.caBundle {
      let folder = (bundle as NSString).deletingLastPathComponent
      process.arguments! += [
        "--tls-cert", folder + "/server.pem", "--tls-key", folder + "/server.key",
        "--tls-port-file", portFile + ".tls",
      ]
    }
    process.standardError = FileHandle.nullDevice
    try process.run()
    do {
      controlURL = "http://127.0.0.1:" + (try Self.port(in: portFile, of: process))
      url =
        Self.caBundle == nil
        ? controlURL : "https://127.0.0.1:" + (try Self.port(in: portFile + ".tls", of: process))
      try? FileManager.default.removeItem(atPath: portFile)
      try? FileManager.default.removeItem(atPath: portFile + ".tls")
    } catch {
      kill(process.processIdentifier, SIGKILL)
      throw error
    }
  }

  /// The port the proxy writes (atomically) once it listens; fails if it exits or takes 10 s.
  private static func port(in portFile: String, of process: Process) throws -> String {
    try poll("the verifying proxy to write its port to \(portFile)") {
      guard process.isRunning else {
        throw TestFailure(
          "The verifying proxy exited (\(process.terminationStatus)) before listening")
      }
      return (try? String(contentsOfFile: portFile, encoding: .utf8))?
        .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    } until: {
      !$0.isEmpty
    }
  }

  /// SIGKILL, because the test runner blocks SIGTERM and children inherit that mask.
  func stop() {
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    try? FileManager.default.removeItem(atPath: stateHome)
  }

  /// Creates mappings in moto and returns their UUIDs.
  func seed(_ count: Int, prefix: String? = nil) throws -> [String] {
    let seeder = Process()
    seeder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    seeder.arguments =
      [
        "python3", Self.scripts + "/seed.py", "--endpoint", Self.motoURL!, "--count", "\(count)",
        "--json",
      ] + (prefix.map { ["--prefix", $0] } ?? [])
    let output = Pipe()
    seeder.standardOutput = output
    seeder.standardError = FileHandle.nullDevice
    try seeder.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    seeder.waitUntilExit()
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String])
  }

  /// A mapping as moto holds it, read directly (not through the proxy or Sluice).
  func motoMapping(_ uuid: String) async throws -> [String: Any] {
    try await json("GET", Self.motoURL! + "/2015-03-31/event-source-mappings/" + uuid, lambda: true)
  }

  /// Changes a mapping behind Sluice's back with boto3, as another operator or a pipeline would.
  func motoUpdate(_ uuid: String, _ body: [String: Any]) async throws {
    let script = """
      import boto3, json, sys
      boto3.client("lambda", endpoint_url=sys.argv[1], region_name="us-east-1",
                   aws_access_key_id="AKIDMOTO", aws_secret_access_key="moto"
                   ).update_event_source_mapping(UUID=sys.argv[2], **json.loads(sys.argv[3]))
      """
    let boto = Process()
    boto.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    boto.arguments = [
      "python3", "-c", script, Self.motoURL!, uuid,
      String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self),
    ]
    try boto.run()
    boto.waitUntilExit()
    #expect(boto.terminationStatus == 0, "boto3 could not update \(uuid)")
  }

  /// Every mapping moto holds.
  func motoMappings() async throws -> [[String: Any]] {
    let list = try await json(
      "GET", Self.motoURL! + "/2015-03-31/event-source-mappings", lambda: true)
    return list["EventSourceMappings"] as? [[String: Any]] ?? []
  }

  func stats() async throws -> [String: Any] { try await json("GET", controlURL + "/__peer/stats") }
  func resetStats() async throws { _ = try await json("POST", controlURL + "/__peer/stats/reset") }
  func pageSize(_ size: Int) async throws {
    _ = try await json("POST", controlURL + "/__peer/config", body: ["page_size": size])
  }
  func faults(_ faults: [[String: Any]]) async throws {
    _ = try await json("POST", controlURL + "/__peer/faults", body: ["faults": faults])
  }

  /// A fault on a share of matching requests, drawn from a seeded generator.
  func randomFaults(rate: Double, method: String) async throws {
    _ = try await json(
      "POST", controlURL + "/__peer/faults",
      body: [
        "random": [
          "rate": rate, "kinds": ["429", "500", "503", "reset"], "seed": 42,
          "match": ["method": method],
        ]
      ])
  }

  /// Runs `sluice` against this proxy with the peer's credentials and nothing from the real home.
  func sluice(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Sluice.Run
  {
    var environment = [
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
      "HOME": FileManager.default.temporaryDirectory.path, "AWS_EC2_METADATA_DISABLED": "true",
      "AWS_ACCESS_KEY_ID": Self.accessKey, "AWS_SECRET_ACCESS_KEY": Self.secretKey,
      "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": url, "XDG_STATE_HOME": stateHome,
      "AWS_CA_BUNDLE": Self.caBundle ?? "",
    ]
    environment.merge(extra) { _, new in new }
    return try Sluice.run(arguments, environment: environment.filter { !$0.value.isEmpty })
  }

  /// The TUI in tmux against this proxy, with the peer's credentials, the list loaded. `then` is
  /// shell text run after Sluice exits.
  func terminal(
    columns: Int, rows: Int, home: String = "/tmp", then: String = "",
    environment extra: [String: String] = [:]
  ) throws -> TmuxSession {
    let tmux = try TmuxSession(
      columns: columns, rows: rows,
      environment: TUITests.utf8.merging(
        [
          "AWS_ACCESS_KEY_ID": Self.accessKey, "AWS_SECRET_ACCESS_KEY": Self.secretKey,
          "AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true", "HOME": home,
          // --endpoint-url moves Lambda only; STS (the caller's identity) is moved apart.
          "AWS_ENDPOINT_URL_STS": url, "AWS_CA_BUNDLE": Self.caBundle ?? "",
          "XDG_STATE_HOME": stateHome,
        ].merging(extra) { _, new in new }
      ) { _, new in new })
    // The status bar's count loses its spinner once every page has arrived.
    try tmux.startSluice("--endpoint-url \(url)\(then)", ready: " mappings │ ")
    return tmux
  }

  /// Sends a signal to the Sluice this peer's terminal runs (found by its endpoint argument).
  func signalSluice(_ name: String) throws {
    let pkill = Process()
    pkill.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    pkill.arguments = ["pkill", "-\(name)", "-f", "sluice --endpoint-url \(url)"]
    try pkill.run()
    pkill.waitUntilExit()
  }

  /// How many changing requests reached the proxy for one mapping.
  func changes(to uuid: String) async throws -> Int {
    let byPath = try await stats()["mutating_by_path"] as? [String: Int]
    return byPath?["/2015-03-31/event-source-mappings/" + uuid] ?? 0
  }

  private func json(
    _ method: String, _ address: String, body: [String: Any]? = nil, lambda: Bool = false
  )
    async throws -> [String: Any]
  {
    var request = URLRequest(url: URL(string: address)!)
    request.httpMethod = method
    if let body { request.httpBody = try JSONSerialization.data(withJSONObject: body) }
    if lambda {
      // moto routes by the credential scope and does not check the signature.
      request.setValue(
        "AWS4-HMAC-SHA256 Credential=AKIDMOTO/20261128/us-east-1/lambda/aws4_request, "
          + "SignedHeaders=host, Signature=0", forHTTPHeaderField: "Authorization")
    }
    let (data, _) = try await URLSession.shared.data(for: request)
    return (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
  }
}

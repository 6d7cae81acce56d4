import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A home folder of AWS config for sign-in tests, and the SSO stub beside a test's proxy.
struct SignInHome {
  static let roleArn = "arn:aws:iam::123456789012:role/sluice-test-role"
  static let base =
    "[base]\naws_access_key_id = \(Peer.accessKey)\naws_secret_access_key = \(Peer.secretKey)\n"
  let path: String

  init(config: String, credentials: String = Self.base) throws {
    path =
      FileManager.default.temporaryDirectory.appendingPathComponent(
        "sluice-home-\(UUID().uuidString)"
      ).path
    try FileManager.default.createDirectory(
      atPath: path + "/.aws", withIntermediateDirectories: true)
    try config.write(toFile: path + "/.aws/config", atomically: true, encoding: .utf8)
    try credentials.write(toFile: path + "/.aws/credentials", atomically: true, encoding: .utf8)
  }

  /// The variables a run gets: this home, and no keys of the peer's in the environment.
  func environment(_ extra: [String: String] = [:]) -> [String: String] {
    ["HOME": path, "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_REGION": ""]
      .merging(extra) { _, new in new }
  }

  /// Every cached role answer's secret and session token, to check that none is ever printed.
  var cachedSecrets: [String] {
    let folder = path + "/.aws/cli/cache"
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return files.flatMap { name -> [String] in
      guard let data = FileManager.default.contents(atPath: folder + "/" + name),
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
        let credentials = object["Credentials"] as? [String: Any]
      else { return [] }
      return [credentials["SecretAccessKey"], credentials["SessionToken"]].compactMap {
        $0 as? String
      }
    }
  }

  func cacheFiles() -> [String] {
    let folder = path + "/.aws/cli/cache"
    return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).map {
      folder + "/" + $0
    }
  }
}

extension Peer {
  func policy(_ policy: String) async throws {
    _ = try await control("POST", controlURL + "/__peer/config", ["policy": policy])
  }

  /// The access key ids that signed accepted requests to a service.
  func signers(_ service: String) async throws -> [String] {
    ((try await stats())["signers"] as? [String: [String]])?[service] ?? []
  }

  /// Starts an SSO portal and OIDC stub that registers what it hands out with this proxy.
  func startSSO() throws -> SSOStub { try SSOStub(proxy: controlURL) }

  func control(_ method: String, _ address: String, _ body: [String: Any]? = nil) async throws
    -> [String: Any]
  {
    var request = URLRequest(url: URL(string: address)!)
    request.httpMethod = method
    if let body { request.httpBody = try JSONSerialization.data(withJSONObject: body) }
    let (data, _) = try await URLSession.shared.data(for: request)
    return (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
  }
}

/// `scripts/peer/sso_stub.py` on a free port, for one test.
final class SSOStub: @unchecked Sendable {
  let url: String
  private let process = Process()

  init(proxy: String) throws {
    let portFile = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sluice-sso-\(UUID().uuidString)"
    ).path
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", Peer.scripts + "/sso_stub.py", "--port", "0", "--port-file", portFile, "--proxy",
      proxy,
    ]
    process.standardError = FileHandle.nullDevice
    try process.run()
    let process = self.process
    let port = try poll("the SSO stub to write its port to \(portFile)") {
      guard process.isRunning else { throw TestFailure("The SSO stub exited before listening") }
      return (try? String(contentsOfFile: portFile, encoding: .utf8))?.trimmingCharacters(
        in: .whitespacesAndNewlines) ?? ""
    } until: {
      !$0.isEmpty
    }
    url = "http://127.0.0.1:" + port
  }

  func stop() {
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }

  func post(_ path: String, _ body: [String: Any]) async throws -> [String: Any] {
    var request = URLRequest(url: URL(string: url + path)!)
    request.httpMethod = "POST"
    request.httpBody = try JSONSerialization.data(withJSONObject: body)
    let (data, _) = try await URLSession.shared.data(for: request)
    return (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
  }

  func stats() async throws -> [String: Any] {
    let (data, _) = try await URLSession.shared.data(from: URL(string: url + "/__sso/stats")!)
    return (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
  }
}

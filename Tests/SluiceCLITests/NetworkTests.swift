import Foundation
import Testing

/// The real network, on real components: the peer over TLS with a CA made at test time, and
/// tinyproxy from Debian's packages in front of it. Sluice's requests must go through the proxy
/// (its log says so), a NO_PROXY host must not, and every failure is one clear line, at once.
@Suite(.serialized, .enabled(if: Peer.available, "moto_server is not running"))
final class NetworkTests {
  static let environment = ProcessInfo.processInfo.environment
  let peer: Peer
  let tls: String
  let caBundle: String

  init() throws {
    peer = try Peer()
    tls = try #require(
      Self.environment["SLUICE_TEST_PROXY_TLS_URL"], "start-peer.sh must start the TLS proxy")
    caBundle = try #require(Self.environment["SLUICE_TEST_CA_BUNDLE"])
  }

  deinit { peer.stop() }

  /// The peer's environment, over TLS; the machine's own CA settings are not inherited.
  func run(_ arguments: [String], _ extra: [String: String] = [:]) throws -> Sluice.Run {
    try peer.sluice(
      arguments,
      environment: ["AWS_ENDPOINT_URL": tls, "AWS_CA_BUNDLE": caBundle].merging(extra) { _, new in
        new
      })
  }

  static func timed(_ body: () throws -> Sluice.Run) rethrows -> (Sluice.Run, Double) {
    let started = Date()
    let run = try body()
    return (run, Date().timeIntervalSince(started))
  }

  @Test func listAndPauseOverTLSWithTheCABundle() async throws {
    let uuid = try #require(try peer.seed(1).first)
    let listed = try run(["list", "--json"])
    #expect(listed.status == 0, "\(listed.error)")
    #expect(listed.output.contains(uuid))
    let paused = try run(["pause", uuid, "--wait", "--timeout", "30"])
    #expect(paused.status == 0, "\(paused.error)")
    #expect(try await peer.motoMapping(uuid)["State"] as? String == "Disabled")
  }

  /// An untrusted CA and a wrong host name fail at once, in one line that says what to do.
  @Test func untrustedAndWrongHostCertificatesFailAtOnce() throws {
    let (untrusted, seconds) = try Self.timed {
      try run(["list"], ["AWS_CA_BUNDLE": "/etc/ssl/certs/ca-certificates.crt"])
    }
    #expect(untrusted.status == 1)
    #expect(
      untrusted.error
        == "sluice: TLS: the certificate of 127.0.0.1 is not trusted; set AWS_CA_BUNDLE (or ca_bundle in the profile) to your CA's PEM file\n"
    )
    #expect(seconds < 3, "\(seconds) s: it was retried")
    let wrongHost = try #require(Self.environment["SLUICE_TEST_WRONG_HOST_URL"])
    let mismatch = try run(["list"], ["AWS_ENDPOINT_URL": wrongHost])
    #expect(mismatch.status == 1)
    #expect(
      mismatch.error.contains("TLS: the certificate of 127.0.0.1 is not for 127.0.0.1"),
      "\(mismatch.error)")
  }

  /// HTTPS through tinyproxy with CONNECT; a NO_PROXY host goes direct.
  @Test func requestsGoThroughTheProxyUnlessNoProxyNamesTheHost() throws {
    let proxy = try #require(Self.environment["SLUICE_TEST_HTTP_PROXY"])
    let log = try #require(Self.environment["SLUICE_TEST_HTTP_PROXY_LOG"])
    let port = try #require(URL(string: tls)?.port)
    let connect = "CONNECT 127.0.0.1:\(port) HTTP/1."
    let before = Self.count(connect, in: log)
    let through = try run(["list"], ["HTTPS_PROXY": proxy])
    #expect(through.status == 0, "\(through.error)")
    #expect(Self.count(connect, in: log) > before, "tinyproxy saw no CONNECT to the peer")
    #expect(Self.count("Established connection to host \"127.0.0.1\"", in: log) > 0)
    let counted = Self.count(connect, in: log)
    let direct = try run(["list"], ["HTTPS_PROXY": proxy, "NO_PROXY": "localhost,127.0.0.1"])
    #expect(direct.status == 0, "\(direct.error)")
    #expect(Self.count(connect, in: log) == counted, "a NO_PROXY host went through the proxy")
  }

  /// Basic auth from the proxy URL works; the password is never printed, verbose or not; a
  /// missing password gets one line that says where it goes.
  @Test func proxyAuthWorksAndThePasswordNeverShows() throws {
    let proxy = try #require(Self.environment["SLUICE_TEST_HTTP_PROXY_AUTH"])
    let password = "proxy-pass-w0rd"
    #expect(proxy.contains(password))
    let through = try run(["list", "--verbose"], ["HTTPS_PROXY": proxy])
    #expect(through.status == 0, "\(through.error)")
    let bare = proxy.replacingOccurrences(of: "sluice:\(password)@", with: "")
    let refused = try run(["list"], ["HTTPS_PROXY": bare])
    #expect(refused.status == 1)
    #expect(refused.error.contains("asks for a user and password (407)"), "\(refused.error)")
    for output in [through.output, through.error, refused.output, refused.error] {
      #expect(!output.contains(password))
    }
  }

  /// The TUI over TLS: the list loads.
  @Test(.enabled(if: SafetyTests.tmuxInstalled))
  func theTUIOverTLS() throws {
    _ = try peer.seed(1)
    let tmux = try TmuxSession(
      columns: 100, rows: 30,
      environment: TUITests.utf8.merging([
        "AWS_ACCESS_KEY_ID": Peer.accessKey, "AWS_SECRET_ACCESS_KEY": Peer.secretKey,
        "AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true", "HOME": "/tmp",
        "XDG_STATE_HOME": peer.stateHome, "AWS_ENDPOINT_URL": tls, "AWS_CA_BUNDLE": caBundle,
      ]) { _, new in new })
    try tmux.startSluice("", ready: " mappings │ ")
    #expect(try tmux.screen().text.contains("127.0.0.1"))
    try tmux.press("q")
    try tmux.waitForShell()
  }

  static func count(_ text: String, in path: String) -> Int {
    ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").components(separatedBy: text).count
      - 1
  }
}

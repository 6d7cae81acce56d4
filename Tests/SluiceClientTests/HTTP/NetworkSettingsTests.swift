import Foundation
import Testing

@testable import SluiceClient

struct NetworkSettingsTests {
  func resolve(_ variables: [String: String], config: String = "") throws -> NetworkSettings {
    let fixture = try ConfigFixture(config: config)
    return try NetworkSettings.resolve(
      profile: "default", environment: fixture.environment(variables))
  }

  @Test func theCABundleComesFromTheEnvironmentElseTheProfile() throws {
    #expect(
      try resolve([:], config: "[default]\nca_bundle = ~/corp.pem\n").caBundle?.hasSuffix(
        "/corp.pem") == true)
    #expect(
      try resolve(["AWS_CA_BUNDLE": "/etc/ssl/corp.pem"], config: "[default]\nca_bundle = /x.pem\n")
        .caBundle
        == "/etc/ssl/corp.pem")
    #expect(try resolve([:]).caBundle == nil)
  }

  /// Either case works; the lower-case variable wins, as in Python's urllib.
  @Test func proxiesByScheme() throws {
    let settings = try resolve([
      "HTTPS_PROXY": "http://upper:3128", "https_proxy": "http://lower:3129",
      "HTTP_PROXY": "http://plain:8080",
    ])
    #expect(
      settings.proxy(scheme: "https", host: "lambda.us-east-1.amazonaws.com", port: 443)?.host
        == "lower")
    #expect(settings.proxy(scheme: "http", host: "127.0.0.1", port: 5000)?.port == 8080)
  }

  @Test func aBadProxyURLIsNamed() throws {
    #expect(throws: NetworkSettings.BadProxy.self) { try resolve(["HTTPS_PROXY": "ftp://x:1"]) }
    #expect(throws: NetworkSettings.BadProxy.self) {
      try resolve(["https_proxy": "http://host:notaport"])
    }
  }

  @Test(arguments: [
    ("*", "anything.example", 443, true),
    ("example.com", "example.com", 443, true),
    (".example.com", "lambda.example.com", 443, true),
    ("example.com", "badexample.com", 443, false),
    ("127.0.0.1:9000", "127.0.0.1", 9000, true),
    ("127.0.0.1:9000", "127.0.0.1", 9001, false),
    ("169.254.169.254, localhost", "localhost", 80, true),
  ])
  func noProxyMatchesAsUrllibDoes(_ entries: String, _ host: String, _ port: Int, _ bypass: Bool)
    throws
  {
    let settings = try resolve(["HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": entries])
    #expect((settings.proxy(scheme: "https", host: host, port: port) == nil) == bypass)
  }

  /// The password is kept for the proxy and shown nowhere.
  @Test func thePasswordNeverShows() throws {
    let settings = try resolve(["HTTPS_PROXY": "http://ops:s%40cret-pass@proxy.corp:3128"])
    let proxy = try #require(settings.httpsProxy)
    #expect(proxy.user == "ops" && proxy.password == "s@cret-pass" && proxy.port == 3128)
    #expect(proxy.description == "http://ops:***@proxy.corp:3128")
    #expect(!"\(settings)".contains("s@cret") && !"\(settings)".contains("s%40cret"))
  }

  @Test func tlsAndProxyFailuresAreNotRetried() {
    let policy = RetryPolicy()
    #expect(!policy.isRetryable(TransportError.tls("TLS: not trusted")))
    #expect(!policy.isRetryable(TransportError.proxy("407")))
    #expect(policy.isRetryable(TransportError.timeout))
  }
}

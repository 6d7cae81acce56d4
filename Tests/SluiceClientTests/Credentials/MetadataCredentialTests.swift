import Foundation
import SluiceClient
import Testing

/// Container credentials on a scripted transport, and IMDS against a local stub server.
struct MetadataCredentialTests {
  @Test func containerRelativeURIWithTokenFile() async throws {
    let fixture = try ConfigFixture()
    try "Bearer abc\n".write(toFile: fixture.home + "/token", atomically: true, encoding: .utf8)
    let transport = ScriptedTransport([
      ScriptedTransport.json(
        200,
        #"{"AccessKeyId": "ECS", "SecretAccessKey": "e", "Token": "t", "Expiration": "2099-01-01T00:00:00Z"}"#
      )
    ])
    let provider = ContainerCredentials(
      environment: fixture.environment([
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/xyz",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": fixture.home + "/token",
      ]), transport: transport)
    let credentials = try #require(try await provider.credentials())
    #expect(credentials.accessKeyId == "ECS" && credentials.sessionToken == "t")
    #expect(transport.requests.first?.url == "http://169.254.170.2/v2/credentials/xyz")
    #expect(transport.requests.first?.header("authorization") == "Bearer abc")
  }

  @Test func containerFullURIMustBeLocalOrHTTPS() async throws {
    let fixture = try ConfigFixture()
    let transport = ScriptedTransport()
    let provider = ContainerCredentials(
      environment: fixture.environment([
        "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://203.0.113.9/creds"
      ]),
      transport: transport)
    await #expect(throws: CredentialError.self) { _ = try await provider.credentials() }
    #expect(transport.requests.isEmpty)
  }

  @Test func containerTokenWithALineBreakIsRefused() async throws {
    let fixture = try ConfigFixture()
    let provider = ContainerCredentials(
      environment: fixture.environment([
        "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:9/creds",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN": "a\r\nInjected: yes",
      ]), transport: ScriptedTransport())
    await #expect(throws: CredentialError.self) { _ = try await provider.credentials() }
  }

  /// Credentials from IMDS served by the stub in `mode`, through the real transport.
  func credentialsFromStub(_ mode: String) async throws -> Credentials? {
    let stub = try StubServer(mode: mode)
    defer { stub.stop() }
    let transport = AsyncHTTPTransport()
    let provider = InstanceMetadataCredentials(
      environment: try ConfigFixture().environment([
        "AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": stub.url,
      ]), transport: transport)
    let credentials = try await provider.credentials()
    await transport.shutdown()
    return credentials
  }

  @Test(arguments: ["v2", "v1"])
  func instanceMetadataFromAStubServer(_ mode: String) async throws {
    let credentials = try await credentialsFromStub(mode)
    #expect(credentials?.accessKeyId == "ASIASTUB")
    #expect(credentials?.sessionToken == "stub-session-token")
    #expect(credentials?.expiration == ISO8601DateFormatter().date(from: "2099-01-01T00:00:00Z"))
  }

  @Test func instanceWithoutARoleGivesNoCredentials() async throws {
    #expect(try await credentialsFromStub("empty") == nil)
  }

  @Test func disabledMetadataSendsNothing() async throws {
    let transport = ScriptedTransport()
    let provider = InstanceMetadataCredentials(
      environment: try ConfigFixture().environment(), transport: transport)
    #expect(try await provider.credentials() == nil)
    #expect(transport.requests.isEmpty)
  }
}

/// Runs `imds_stub.py` on a free loopback port for the length of a test.
final class StubServer: @unchecked Sendable {
  let process = Process()
  let url: String

  init(mode: String) throws {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("imds_stub.py").path
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script, mode]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    var line = Data()
    while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty,
      byte != Data("\n".utf8)
    {
      line.append(byte)
    }
    url = "http://127.0.0.1:" + String(decoding: line, as: UTF8.self)
  }

  /// SIGKILL: the test runner blocks SIGTERM, and spawned children inherit that mask.
  func stop() {
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }
}

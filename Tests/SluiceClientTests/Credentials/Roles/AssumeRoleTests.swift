import Foundation
import Testing

@testable import SluiceClient

/// Role profiles resolved on temporary config files, against a scripted STS, on a fixed clock.
struct AssumeRoleTests {
  static let start = Date(timeIntervalSince1970: 1_796_400_000)
  static let sts = Endpoint(url: "https://sts.eu-west-1.amazonaws.com")!
  static let base = "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n"

  /// An AssumeRole answer for `role`, valid for an hour from the start.
  static func answer(_ key: String, role: String = "ops") -> ScriptedTransport.Step {
    .respond(
      HTTPResponse(
        status: 200,
        body: Array(
          """
          <AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>\(key)</AccessKeyId>\
          <SecretAccessKey>secret-of-\(key)</SecretAccessKey><SessionToken>token-of-\(key)</SessionToken>\
          <Expiration>2026-12-04T17:00:00Z</Expiration></Credentials><AssumedRoleUser>\
          <AssumedRoleId>AROA:s</AssumedRoleId><Arn>arn:aws:sts::123456789012:assumed-role/\(role)/s</Arn>\
          </AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>r-\(key)</RequestId>\
          </ResponseMetadata></AssumeRoleResponse>
          """.utf8)))
  }

  /// Resolves `profile` on the fixture; the MFA prompt answers `mfa` (nil: there is no prompt).
  static func resolve(
    _ fixture: ConfigFixture, _ profile: String, transport: ScriptedTransport,
    mfa: RecordingPrompt? = nil, variables: [String: String] = [:]
  ) async throws -> Credentials {
    let context = RoleContext(
      environment: fixture.environment(variables), transport: transport, stsEndpoint: sts,
      region: "eu-west-1", mfa: mfa, explicitProfile: true,
      clock: WaitClock(now: { start }, sleep: { _ in }))
    guard
      let credentials = try await AssumeRoleCredentials(profile: profile, context: context)
        .credentials()
    else { throw CredentialError.notFound(tried: [profile]) }
    return credentials
  }

  /// The form fields of a request STS was sent.
  static func form(_ request: HTTPRequest) -> [String: String] {
    var fields: [String: String] = [:]
    for pair in String(decoding: request.body, as: UTF8.self).split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1).map {
        String($0).removingPercentEncoding ?? ""
      }
      fields[parts[0]] = parts.count > 1 ? parts[1] : ""
    }
    return fields
  }

  @Test func aSourceProfileSignsAssumeRoleAndTheRolesKeysComeBack() async throws {
    let fixture = try ConfigFixture(
      config:
        "[profile ops]\nrole_arn = arn:aws:iam::123456789012:role/ops\nsource_profile = base\n"
        + "external_id = ext-1\nduration_seconds = 3600\n",
      credentials: Self.base)
    let transport = ScriptedTransport([Self.answer("ASIAROLE")])
    let credentials = try await Self.resolve(fixture, "ops", transport: transport)
    #expect(
      credentials.accessKeyId == "ASIAROLE" && credentials.sessionToken == "token-of-ASIAROLE")
    #expect(
      credentials.origin == "assume-role arn:aws:iam::123456789012:role/ops via source_profile base"
    )
    let request = try #require(transport.requests.first)
    #expect(request.url == "https://sts.eu-west-1.amazonaws.com/")
    #expect(
      Self.form(request) == [
        "Action": "AssumeRole", "Version": "2011-06-15",
        "RoleArn": "arn:aws:iam::123456789012:role/ops",
        "RoleSessionName": "botocore-session-1796400000", "ExternalId": "ext-1",
        "DurationSeconds": "3600",
      ])
    #expect(request.header("authorization")?.contains("Credential=AKIDBASE/") == true)
    #expect(request.header("authorization")?.contains("/eu-west-1/sts/aws4_request") == true)
  }

  /// The answer is kept in the AWS CLI's cache, 0600, under the CLI's key; the next run reads
  /// it instead of calling STS.
  @Test func theAnswerIsCachedAsTheAWSCLICachesIt() async throws {
    let fixture = try ConfigFixture(
      config:
        "[profile ops]\nrole_arn = arn:aws:iam::123456789012:role/ops\nsource_profile = base\n",
      credentials: Self.base)
    let transport = ScriptedTransport([Self.answer("ASIAROLE")])
    _ = try await Self.resolve(fixture, "ops", transport: transport)
    // sha1 of {"RoleArn": "arn:aws:iam::123456789012:role/ops"} as Python's json.dumps writes it.
    let path = fixture.home + "/.aws/cli/cache/22683b67d5bd46b0335d9327094666b8be5b5cd5.json"
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    let cached = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: path)))
    let credentials = try #require((cached as? [String: Any])?["Credentials"] as? [String: Any])
    #expect(credentials["Expiration"] as? String == "2026-12-04T17:00:00UTC")
    #expect(credentials["AccessKeyId"] as? String == "ASIAROLE")
    #expect(credentials["AccountId"] as? String == "123456789012")
    let again = ScriptedTransport()
    let reused = try await Self.resolve(fixture, "ops", transport: again)
    #expect(reused.accessKeyId == "ASIAROLE" && again.requests.isEmpty)
    #expect(
      reused.origin?.hasSuffix("from the AWS CLI cache, until 2026-12-04T17:00:00UTC") == true)
  }

  @Test func theCacheKeyMatchesBotocoresForEveryArgument() {
    #expect(
      RoleCache.key(for: [
        "RoleArn": .text("arn:aws:iam::123456789012:role/ops"), "DurationSeconds": .number(3600),
        "SerialNumber": .text("arn:aws:iam::123456789012:mfa/op"), "ExternalId": .text("é\"x"),
        "RoleSessionName": .text("me"),
      ]) == "6bc1f9c3e412c0eb8ce5a027f4dfbc4bf936d874")
  }
}

/// An MFA prompt that answers a fixed code and records what it was asked.
final class RecordingPrompt: MFAPrompt, @unchecked Sendable {
  private let lock = NSLock()
  private var asked: [String] = []
  let answer: String
  init(answer: String) { self.answer = answer }
  var questions: [String] { lock.withLock { asked } }
  func code(profile: String, serial: String, refusal: String?) async throws -> String {
    lock.withLock { asked.append("\(profile) \(serial)" + (refusal.map { " after: \($0)" } ?? "")) }
    return answer
  }
}

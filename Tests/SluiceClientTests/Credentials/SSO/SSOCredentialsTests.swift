import Foundation
import Testing

@testable import SluiceClient

/// IAM Identity Center profiles on temporary config files and token caches, against a scripted
/// portal and OIDC, on a fixed clock.
struct SSOCredentialsTests {
  static let now = Date(timeIntervalSince1970: 1_796_400_000)
  static let config =
    "[profile corp]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Ops\n"
    + "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n"

  static let portalAnswer = ScriptedTransport.json(
    200,
    #"{"roleCredentials": {"accessKeyId": "ASIASSO", "secretAccessKey": "sso-secret", "sessionToken": "sso-session-token", "expiration": 1796403600000}}"#
  )

  /// Writes the token `aws sso login` would have left, expiring `minutes` after the clock.
  static func token(_ fixture: ConfigFixture, key: String, minutes: Double, refreshable: Bool)
    throws -> String
  {
    var object: [String: Any] = [
      "startUrl": "https://corp.awsapps.com/start", "region": "eu-west-1",
      "accessToken": "old-access-token",
      "expiresAt": SSOToken.utc(now.addingTimeInterval(minutes * 60)),
    ]
    if refreshable {
      object["refreshToken"] = "the-refresh-token"
      object["clientId"] = "client-1"
      object["clientSecret"] = "client-secret-1"
      object["registrationExpiresAt"] = SSOToken.utc(now.addingTimeInterval(86400))
    }
    let path = SSOToken.path(home: fixture.home, key: key)
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
    return path
  }

  static func provider(
    _ fixture: ConfigFixture, _ transport: ScriptedTransport, _ variables: [String: String] = [:]
  )
    -> SSOCredentials
  {
    SSOCredentials(
      profile: "corp",
      context: RoleContext(
        environment: fixture.environment(variables), transport: transport,
        stsEndpoint: AssumeRoleTests.sts, region: "eu-west-1", mfa: nil,
        clock: WaitClock(now: { now }, sleep: { _ in })))
  }

  @Test func theCachedTokenBuysTheRolesCredentialsFromThePortal() async throws {
    let fixture = try ConfigFixture(config: Self.config)
    _ = try Self.token(fixture, key: "corp", minutes: 60, refreshable: true)
    let transport = ScriptedTransport([Self.portalAnswer])
    let credentials = try #require(try await Self.provider(fixture, transport).credentials())
    #expect(credentials.accessKeyId == "ASIASSO" && credentials.sessionToken == "sso-session-token")
    #expect(credentials.expiration == Date(timeIntervalSince1970: 1_796_403_600))
    #expect(
      credentials.origin == "IAM Identity Center: role Ops in 123456789012 via sso_session corp")
    let request = try #require(transport.requests.first)
    #expect(
      request.url
        == "https://portal.sso.eu-west-1.amazonaws.com/federation/credentials?account_id=123456789012&role_name=Ops"
    )
    #expect(request.header("x-amz-sso_bearer_token") == "old-access-token")
    #expect(request.header("authorization") == nil)
  }

  /// A token with less than 15 minutes left is refreshed through OIDC and written back.
  @Test func anExpiringTokenIsRefreshedAndWrittenBack() async throws {
    let fixture = try ConfigFixture(config: Self.config)
    let path = try Self.token(fixture, key: "corp", minutes: 5, refreshable: true)
    let transport = ScriptedTransport([
      ScriptedTransport.json(
        200,
        #"{"accessToken": "new-access-token", "expiresIn": 28800, "refreshToken": "next-refresh"}"#),
      Self.portalAnswer,
    ])
    let variables = [
      "AWS_ENDPOINT_URL_SSO_OIDC": "http://127.0.0.1:7001",
      "AWS_ENDPOINT_URL_SSO": "http://127.0.0.1:7002",
    ]
    _ = try await Self.provider(fixture, transport, variables).credentials()
    let (refresh, portal) = (transport.requests[0], transport.requests[1])
    #expect(refresh.url == "http://127.0.0.1:7001/token" && refresh.method == "POST")
    let body = try JSONSerialization.jsonObject(with: Data(refresh.body)) as? [String: String]
    #expect(
      body == [
        "grantType": "refresh_token", "clientId": "client-1", "clientSecret": "client-secret-1",
        "refreshToken": "the-refresh-token",
      ])
    #expect(portal.url.hasPrefix("http://127.0.0.1:7002/federation/credentials?"))
    #expect(portal.header("x-amz-sso_bearer_token") == "new-access-token")
    let written =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
      as? [String: Any]
    #expect(written?["accessToken"] as? String == "new-access-token")
    #expect(written?["refreshToken"] as? String == "next-refresh")
    #expect(written?["expiresAt"] as? String == SSOToken.utc(Self.now.addingTimeInterval(28800)))
    #expect(written?["clientSecret"] as? String == "client-secret-1")
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
  }

  /// An expired token that cannot be refreshed names the command to run, and nothing is sent.
  @Test(arguments: [
    (true, "aws sso login --sso-session corp"), (false, "aws sso login --profile corp"),
  ])
  func anExpiredSignInNamesTheLoginCommand(_ withSession: Bool, _ command: String) async throws {
    let legacy =
      "[profile corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n"
      + "sso_account_id = 123456789012\nsso_role_name = Ops\n"
    let fixture = try ConfigFixture(config: withSession ? Self.config : legacy)
    _ = try Self.token(
      fixture, key: withSession ? "corp" : "https://corp.awsapps.com/start", minutes: -1,
      refreshable: false)
    let transport = ScriptedTransport()
    await #expect {
      _ = try await Self.provider(fixture, transport).credentials()
    } throws: { error in
      "\(error)".contains("the cached sign-in has expired") && "\(error)".contains("`\(command)`")
        && !"\(error)".contains("old-access-token")
    }
    #expect(transport.requests.isEmpty)
  }

  @Test func aPortalRefusalAsksForANewSignIn() async throws {
    let fixture = try ConfigFixture(config: Self.config)
    _ = try Self.token(fixture, key: "corp", minutes: 60, refreshable: false)
    let transport = ScriptedTransport([ScriptedTransport.error(401, "UnauthorizedException")])
    await #expect {
      _ = try await Self.provider(fixture, transport).credentials()
    } throws: {
      "\($0)".contains("the portal refused the cached sign-in") && "\($0)".contains("aws sso login")
    }
  }

  @Test func missingSettingsAreNamed() async throws {
    let fixture = try ConfigFixture(config: "[profile corp]\nsso_session = nowhere\n")
    await #expect {
      _ = try await Self.provider(fixture, ScriptedTransport()).credentials()
    } throws: { "\($0)".contains("no [sso-session nowhere] section") }
    let partial = try ConfigFixture(
      config: "[profile corp]\nsso_start_url = https://x/start\nsso_region = eu-west-1\n")
    await #expect {
      _ = try await Self.provider(partial, ScriptedTransport()).credentials()
    } throws: { "\($0)".contains("needs sso_account_id, sso_role_name") }
  }
}

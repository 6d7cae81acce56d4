import Foundation
import Testing

@testable import SluiceClient

struct WebIdentityTests {
  static func context(_ fixture: ConfigFixture, _ variables: [String: String]) -> (
    RoleContext, ScriptedTransport
  ) {
    let transport = ScriptedTransport([AssumeRoleTests.answer("ASIAWEB", role: "web")])
    let context = RoleContext(
      environment: fixture.environment(variables), transport: transport,
      stsEndpoint: AssumeRoleTests.sts, region: "eu-west-1", mfa: nil,
      clock: WaitClock(now: { AssumeRoleTests.start }, sleep: { _ in }))
    return (context, transport)
  }

  /// The token is read from its file each time and sent unsigned; the variables win over the
  /// profile key by key.
  @Test func theTokenFileIsExchangedUnsigned() async throws {
    let fixture = try ConfigFixture(
      config:
        "[default]\nweb_identity_token_file = ~/token\nrole_arn = arn:aws:iam::1:role/from-profile\n"
    )
    try "eyJ.first\n".write(toFile: fixture.home + "/token", atomically: true, encoding: .utf8)
    let (context, transport) = Self.context(
      fixture, ["AWS_ROLE_ARN": "arn:aws:iam::1:role/from-env"])
    let provider = WebIdentityCredentials(
      profile: "default", context: context, environmentVariables: true)
    let credentials = try #require(try await provider.credentials())
    #expect(credentials.accessKeyId == "ASIAWEB")
    let request = try #require(transport.requests.first)
    #expect(request.header("authorization") == nil)
    let form = AssumeRoleTests.form(request)
    #expect(
      form["Action"] == "AssumeRoleWithWebIdentity" && form["WebIdentityToken"] == "eyJ.first")
    #expect(form["RoleArn"] == "arn:aws:iam::1:role/from-env")
    #expect(form["RoleSessionName"] == "botocore-session-1796400000")
  }

  @Test func anExplicitProfileIgnoresTheVariables() async throws {
    let fixture = try ConfigFixture(
      config:
        "[profile k8s]\nweb_identity_token_file = ~/token\nrole_arn = arn:aws:iam::1:role/k8s\n"
        + "role_session_name = pod-1\n")
    try "tok".write(toFile: fixture.home + "/token", atomically: true, encoding: .utf8)
    let (context, transport) = Self.context(
      fixture, ["AWS_ROLE_ARN": "arn:aws:iam::1:role/env", "AWS_ROLE_SESSION_NAME": "env"])
    let provider = WebIdentityCredentials(
      profile: "k8s", context: context, environmentVariables: false)
    _ = try await provider.credentials()
    let form = AssumeRoleTests.form(try #require(transport.requests.first))
    #expect(form["RoleArn"] == "arn:aws:iam::1:role/k8s" && form["RoleSessionName"] == "pod-1")
  }

  @Test func aTokenFileWithoutARoleOrUnreadableIsNamed() async throws {
    let fixture = try ConfigFixture()
    let (context, transport) = Self.context(
      fixture, ["AWS_WEB_IDENTITY_TOKEN_FILE": "/nonexistent/token"])
    let noRole = WebIdentityCredentials(
      profile: "default", context: context, environmentVariables: true)
    await #expect { _ = try await noRole.credentials() } throws: {
      "\($0)".contains("no role_arn or AWS_ROLE_ARN")
    }
    let (unreadable, _) = Self.context(
      fixture,
      [
        "AWS_WEB_IDENTITY_TOKEN_FILE": "/nonexistent/token",
        "AWS_ROLE_ARN": "arn:aws:iam::1:role/r",
      ])
    let provider = WebIdentityCredentials(
      profile: "default", context: unreadable, environmentVariables: true)
    await #expect { _ = try await provider.credentials() } throws: {
      "\($0)".contains("cannot read the token file /nonexistent/token")
    }
    #expect(transport.requests.isEmpty)
  }
}

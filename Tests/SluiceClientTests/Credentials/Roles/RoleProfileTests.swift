import Foundation
import Testing

@testable import SluiceClient

/// Chains, loops, sources, MFA and the settings botocore refuses.
struct RoleProfileTests {
  typealias T = AssumeRoleTests
  static let role = "role_arn = arn:aws:iam::123456789012:role/"

  @Test func aRoleAssumedWithAnotherRolesCredentials() async throws {
    let fixture = try ConfigFixture(
      config: "[profile hop]\n\(Self.role)hop\nsource_profile = base\n"
        + "[profile ops]\n\(Self.role)ops\nsource_profile = hop\n",
      credentials: T.base)
    let transport = ScriptedTransport([T.answer("ASIAHOP", role: "hop"), T.answer("ASIAOPS")])
    let credentials = try await T.resolve(fixture, "ops", transport: transport)
    #expect(credentials.accessKeyId == "ASIAOPS")
    let signers = transport.requests.compactMap { $0.header("authorization") }
    #expect(signers.count == 2)
    #expect(
      signers[0].contains("Credential=AKIDBASE/") && signers[1].contains("Credential=ASIAHOP/"))
    #expect(transport.requests[1].header("x-amz-security-token") == "token-of-ASIAHOP")
    #expect(T.form(transport.requests[0])["RoleArn"]?.hasSuffix("role/hop") == true)
  }

  @Test func aLoopIsRefusedNamingItsProfiles() async throws {
    let fixture = try ConfigFixture(
      config:
        "[profile a]\n\(Self.role)a\nsource_profile = b\n[profile b]\n\(Self.role)b\nsource_profile = a\n"
    )
    let transport = ScriptedTransport()
    await #expect {
      _ = try await T.resolve(fixture, "a", transport: transport)
    } throws: { "\($0)".contains("source_profile loops: a -> b -> a") }
    #expect(transport.requests.isEmpty)
  }

  @Test(arguments: [
    (
      "source_profile = base\ncredential_source = Environment\n",
      "both source_profile and credential_source"
    ),
    ("", "needs source_profile or credential_source"),
    ("source_profile = nobody\n", "source_profile nobody does not exist"),
    ("credential_source = Laptop\n", "credential_source Laptop is not one of"),
    (
      "source_profile = base\nduration_seconds = 60\n",
      "duration_seconds is 60; it takes 900 to 43200"
    ),
  ])
  func badSettingsAreNamed(_ settings: String, _ message: String) async throws {
    let fixture = try ConfigFixture(
      config: "[profile ops]\n\(Self.role)ops\n" + settings, credentials: T.base)
    let transport = ScriptedTransport()
    await #expect {
      _ = try await T.resolve(fixture, "ops", transport: transport)
    } throws: { "\($0)".contains(message) && "\($0)".contains("profile ops") }
    #expect(transport.requests.isEmpty)
  }

  @Test func aCredentialSourceOfEnvironmentSignsWithTheEnvironmentKeys() async throws {
    let fixture = try ConfigFixture(
      config: "[profile ops]\n\(Self.role)ops\ncredential_source = Environment\n")
    let transport = ScriptedTransport([T.answer("ASIAOPS")])
    let credentials = try await T.resolve(
      fixture, "ops", transport: transport,
      variables: ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret"])
    #expect(credentials.accessKeyId == "ASIAOPS")
    #expect(transport.requests[0].header("authorization")?.contains("Credential=AKIDENV/") == true)
  }

  /// The prompt is asked with the profile and the device; the code goes in TokenCode.
  @Test func mfaAsksForTheCodeAndSendsIt() async throws {
    let fixture = try ConfigFixture(
      config:
        "[profile ops]\n\(Self.role)ops\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/op\n",
      credentials: T.base)
    let transport = ScriptedTransport([T.answer("ASIAOPS")])
    let prompt = RecordingPrompt(answer: " 123456\n")
    let credentials = try await T.resolve(fixture, "ops", transport: transport, mfa: prompt)
    #expect(prompt.questions == ["ops arn:aws:iam::123456789012:mfa/op"])
    let form = T.form(transport.requests[0])
    #expect(
      form["TokenCode"] == "123456" && form["SerialNumber"] == "arn:aws:iam::123456789012:mfa/op")
    #expect(credentials.origin?.contains(", MFA") == true)
    // Within the expiry the cache answers: no second prompt, no second call.
    let again = ScriptedTransport()
    _ = try await T.resolve(fixture, "ops", transport: again, mfa: prompt)
    #expect(prompt.questions.count == 1 && again.requests.isEmpty)
  }

  @Test func mfaWithoutAPromptFailsAtOnce() async throws {
    let fixture = try ConfigFixture(
      config:
        "[profile ops]\n\(Self.role)ops\nsource_profile = base\nmfa_serial = arn:aws:iam::1:mfa/op\n",
      credentials: T.base)
    let transport = ScriptedTransport()
    await #expect(throws: MFAError.noTerminal(profile: "ops", serial: "arn:aws:iam::1:mfa/op")) {
      _ = try await T.resolve(fixture, "ops", transport: transport)
    }
    #expect(transport.requests.isEmpty)
  }

  /// STS's refusal reaches the operator with its code and request id, and no secret.
  @Test func anSTSErrorNamesTheProfileTheStepAndTheRequest() async throws {
    let fixture = try ConfigFixture(
      config: "[profile ops]\n\(Self.role)ops\nsource_profile = base\n", credentials: T.base)
    let transport = ScriptedTransport([
      .respond(
        HTTPResponse(
          status: 403,
          body: Array(
            "<ErrorResponse><Error><Code>AccessDenied</Code><Message>not allowed</Message></Error><RequestId>req-9</RequestId></ErrorResponse>"
              .utf8)))
    ])
    await #expect {
      _ = try await T.resolve(fixture, "ops", transport: transport)
    } throws: { error in
      let text = "\(error)"
      return text.contains("profile ops") && text.contains("AssumeRole")
        && text.contains("AccessDenied")
        && text.contains("req-9") && !text.contains("base-secret")
    }
  }
}

extension RoleProfileTests {
  /// A code STS refuses is asked for once more, with STS's answer; a second refusal stands.
  @Test func aRefusedCodeGetsOneMoreChance() async throws {
    let fixture = try ConfigFixture(
      config:
        "[profile ops]\n\(Self.role)ops\nsource_profile = base\nmfa_serial = arn:aws:iam::1:mfa/op\n",
      credentials: T.base)
    let refusal = ScriptedTransport.Step.respond(
      HTTPResponse(
        status: 403,
        body: Array(
          "<ErrorResponse><Error><Code>AccessDenied</Code><Message>MultiFactorAuthentication failed with invalid MFA one time pass code.</Message></Error></ErrorResponse>"
            .utf8)))
    let prompt = RecordingPrompt(answer: "000000")
    let transport = ScriptedTransport([refusal, T.answer("ASIAOPS")])
    #expect(
      try await T.resolve(fixture, "ops", transport: transport, mfa: prompt).accessKeyId
        == "ASIAOPS")
    #expect(prompt.questions.count == 2)
    #expect(prompt.questions[1].contains("after: AccessDenied: MultiFactorAuthentication failed"))
    let twice = ScriptedTransport([refusal, refusal])
    let again = RecordingPrompt(answer: "111111")
    try FileManager.default.removeItem(atPath: fixture.home + "/.aws/cli/cache")
    await #expect {
      _ = try await T.resolve(fixture, "ops", transport: twice, mfa: again)
    } throws: { "\($0)".contains("AccessDenied") && "\($0)".contains("profile ops") }
    #expect(again.questions.count == 2 && twice.requests.count == 2)
  }
}

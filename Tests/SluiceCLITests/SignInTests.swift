import Foundation
import Testing

/// Signing in as operators' accounts are set up, against moto's STS behind the verifying proxy and
/// our SSO stub: the role's (or SSO's) keys are the ones Lambda sees, MFA is asked for where a
/// person would answer it, and no secret is ever printed.
@Suite(.serialized, .enabled(if: Peer.available, "moto_server is not running"))
final class SignInTests {
  let peer: Peer
  static let mfa = "arn:aws:iam::123456789012:mfa/operator"

  init() throws { peer = try Peer() }
  deinit { peer.stop() }

  static func role(_ name: String, extra: String = "") -> String {
    "[profile \(name)]\nrole_arn = \(SignInHome.roleArn)\nsource_profile = base\nregion = us-east-1\n"
      + extra
  }

  /// The base key may only assume the role; the list succeeds, signed with the role's key.
  @Test func aRoleProfileListsWithTheRolesKeysOnly() async throws {
    let uuid = try #require(try peer.seed(1).first)
    try await peer.policy("role-only")
    let home = try SignInHome(config: Self.role("ops"))
    let base = try peer.sluice(
      ["list", "--profile", "base", "--region", "us-east-1"], environment: home.environment())
    #expect(base.status == 1 && base.error.contains("AccessDenied"), "\(base.error)")
    let listed = try peer.sluice(
      ["list", "--profile", "ops", "--json"], environment: home.environment())
    #expect(listed.status == 0, "\(listed.error)")
    let lambdaSigners = try await peer.signers("lambda")
    #expect(
      !lambdaSigners.isEmpty && lambdaSigners.allSatisfy { $0.hasPrefix("ASIA") },
      "\(lambdaSigners)")
    #expect(try await peer.signers("sts").contains(Peer.accessKey))
    let whoami = try peer.sluice(["whoami", "--profile", "ops"], environment: home.environment())
    #expect(
      whoami.output.contains("assumed-role/sluice-test-role/"), "\(whoami.output)\(whoami.error)")
    #expect(whoami.output.contains("via source_profile base, from the AWS CLI cache"))
    // A pause with the role: sent with the role's key, audited with the role as the caller.
    let paused = try peer.sluice(
      ["pause", uuid, "--profile", "ops"], environment: home.environment())
    #expect(paused.status == 0, "\(paused.error)")
    let audit = try String(contentsOfFile: peer.stateHome + "/sluice/audit.jsonl", encoding: .utf8)
    #expect(
      audit.contains("assumed-role\\/sluice-test-role")
        || audit.contains("assumed-role/sluice-test-role"))
    let secrets = home.cachedSecrets + [Peer.secretKey]
    #expect(secrets.count == 3)
    let written = try Self.everyFile(under: peer.stateHome)
    for run in [base, listed, whoami, paused] {
      for secret in secrets { #expect(!(run.output + run.error).contains(secret)) }
    }
    for secret in secrets { #expect(!written.contains(secret), "a secret in the state directory") }
  }

  /// A subcommand asks for the code on the terminal, without echo; a second run within the expiry
  /// reads the AWS CLI's cache (0600) and does not ask.
  @Test(.enabled(if: SafetyTests.tmuxInstalled))
  func mfaIsAskedOnTheTerminalOnceThenCached() async throws {
    _ = try peer.seed(1)
    let home = try SignInHome(config: Self.role("ops", extra: "mfa_serial = \(Self.mfa)\n"))
    let tmux = try TmuxSession(
      columns: 120, rows: 30,
      environment: [
        "HOME": home.path, "AWS_EC2_METADATA_DISABLED": "true", "XDG_STATE_HOME": peer.stateHome,
        "AWS_ENDPOINT_URL_STS": peer.url,
      ])
    let command = "\(Sluice.binary.path) list --profile ops --endpoint-url \(peer.url)"
    try tmux.run(command + "; echo first-$?")
    try tmux.waitFor("Enter MFA code for \(Self.mfa) (profile ops):")
    // Typed with echo off: nothing shows until the list does.
    try tmux.press("246810")
    try tmux.press("Enter", until: "first-0")
    #expect(!(try tmux.screen().text.contains("246810")), "the code was echoed")
    let files = home.cacheFiles()
    #expect(files.count == 1)
    let mode = try FileManager.default.attributesOfItem(atPath: files[0])[.posixPermissions] as? Int
    #expect(mode == 0o600)
    try tmux.run("clear; " + command + "; echo second-$?")
    let second = try tmux.waitFor("second-0")
    #expect(!second.text.contains("Enter MFA code"), "\(second.text)")
  }

  /// The TUI asks in a question naming the profile and the device, then lists.
  @Test(.enabled(if: SafetyTests.tmuxInstalled))
  func theTUIAsksForTheCodeInAQuestion() async throws {
    _ = try peer.seed(1)
    let home = try SignInHome(config: Self.role("ops", extra: "mfa_serial = \(Self.mfa)\n"))
    let tmux = try TmuxSession(
      columns: 100, rows: 30,
      environment: TUITests.utf8.merging([
        "HOME": home.path, "AWS_EC2_METADATA_DISABLED": "true", "XDG_STATE_HOME": peer.stateHome,
        "AWS_ENDPOINT_URL_STS": peer.url,
      ]) { _, new in new })
    try tmux.run("\(Sluice.binary.path) --profile ops --endpoint-url \(peer.url)")
    let asked = try tmux.waitFor("MFA code")
    #expect(
      asked.text.contains("Profile ops assumes its role with an MFA code from"), "\(asked.text)")
    try tmux.type("135790", until: "Code: ••••••")
    try tmux.press("Enter", until: " mappings │ ")
    let listed = try tmux.waitFor("sluice-test-role")
    #expect(listed.text.contains("123456789012"))
    try tmux.press("q")
    try tmux.waitForShell()
  }

  /// IAM Identity Center: the cached token buys the role's keys from the portal; one about to
  /// expire is refreshed and written back; an expired one names the login command and nothing
  /// reaches Lambda.
  @Test func ssoSignsInRefreshesAndSaysWhenToLogInAgain() async throws {
    _ = try peer.seed(1)
    let sso = try peer.startSSO()
    defer { sso.stop() }
    let config =
      "[profile corp]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Operator\n"
      + "region = us-east-1\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
      + "sso_region = us-east-1\n"
    let home = try SignInHome(config: config, credentials: "")
    let handed = try await sso.post(
      "/__sso/credentials", ["account_id": "123456789012", "role_name": "Operator"])
    let key = try #require(handed["access_key_id"] as? String)
    _ = try await sso.post(
      "/__sso/access-tokens", ["access_token": "token-now", "expires_in": 3600])
    _ = try await sso.post(
      "/__sso/refresh-tokens",
      [
        "refresh_token": "refresh-1", "client_id": "client-1", "client_secret": "client-secret-1",
        "rotate": true,
      ])
    // sha1("corp"), the name botocore gives the sso-session's token file.
    let tokenFile = home.path + "/.aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json"
    let variables = home.environment([
      "AWS_ENDPOINT_URL_SSO": sso.url, "AWS_ENDPOINT_URL_SSO_OIDC": sso.url,
    ])
    try Self.writeToken(tokenFile, access: "token-now", minutes: 60)
    let first = try peer.sluice(["list", "--profile", "corp"], environment: variables)
    #expect(first.status == 0, "\(first.error)")
    #expect(try await peer.signers("lambda").contains(key))
    try Self.writeToken(tokenFile, access: "token-old", minutes: 5)
    let refreshed = try peer.sluice(["list", "--profile", "corp"], environment: variables)
    #expect(refreshed.status == 0, "\(refreshed.error)")
    let written =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: tokenFile)))
      as? [String: Any]
    #expect(written?["accessToken"] as? String != "token-old")
    #expect(written?["refreshToken"] as? String != "refresh-1", "the rotated refresh token is kept")
    try Self.writeToken(tokenFile, access: "token-gone", minutes: -5, refreshable: false)
    try await peer.resetStats()
    let expired = try peer.sluice(["list", "--profile", "corp"], environment: variables)
    #expect(expired.status == 1)
    #expect(expired.error.contains("`aws sso login --sso-session corp`"), "\(expired.error)")
    #expect(try await peer.stats()["requests"] as? Int == 0, "nothing reached Lambda")
    for run in [first, refreshed, expired] {
      for secret in ["token-now", "token-old", "token-gone", "refresh-1", "client-secret-1"] {
        #expect(!(run.output + run.error).contains(secret))
      }
    }
  }

  /// A web identity token file and a role ARN in the environment: an unsigned exchange, then
  /// Lambda calls signed with the role's key (the base key may not call Lambda).
  @Test func aWebIdentityTokenListsWithTheRolesKeys() async throws {
    _ = try peer.seed(1)
    try await peer.policy("role-only")
    let home = try SignInHome(config: "", credentials: "")
    try "eyJhbGciOi.test-token.sig".write(
      toFile: home.path + "/token", atomically: true, encoding: .utf8)
    let run = try peer.sluice(
      ["list"],
      environment: home.environment([
        "AWS_WEB_IDENTITY_TOKEN_FILE": home.path + "/token", "AWS_ROLE_ARN": SignInHome.roleArn,
        "AWS_ROLE_SESSION_NAME": "ci-job-7", "AWS_REGION": "us-east-1",
      ]))
    #expect(run.status == 0, "\(run.error)")
    let signers = try await peer.signers("lambda")
    #expect(!signers.isEmpty && signers.allSatisfy { $0.hasPrefix("ASIA") }, "\(signers)")
    #expect(!(run.output + run.error).contains("test-token"))
  }

  /// Every file under a folder, read as text and joined.
  static func everyFile(under folder: String) throws -> String {
    let paths = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
    return paths.compactMap { try? String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
      .joined(separator: "\n")
  }

  static func writeToken(_ path: String, access: String, minutes: Double, refreshable: Bool = true)
    throws
  {
    let formatter = ISO8601DateFormatter()
    var token: [String: Any] = [
      "startUrl": "https://corp.awsapps.com/start", "region": "us-east-1", "accessToken": access,
      "expiresAt": formatter.string(from: Date().addingTimeInterval(minutes * 60)),
    ]
    if refreshable {
      token["refreshToken"] = "refresh-1"
      token["clientId"] = "client-1"
      token["clientSecret"] = "client-secret-1"
      token["registrationExpiresAt"] = formatter.string(from: Date().addingTimeInterval(86400))
    }
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try JSONSerialization.data(withJSONObject: token).write(to: URL(fileURLWithPath: path))
  }
}

import Foundation

/// A profile signed in through IAM Identity Center: `sso_account_id` and `sso_role_name` with
/// an `sso_session` (its `[sso-session NAME]` section gives `sso_start_url` and `sso_region`), or
/// the legacy `sso_start_url` and `sso_region` in the profile itself.
///
/// The token is the one `aws sso login` cached. For `sso_session` profiles an expiring token is
/// refreshed through SSO OIDC `CreateToken` and written back as the CLI writes it; the role's
/// credentials come from the portal's `GetRoleCredentials`. `AWS_ENDPOINT_URL_SSO` and
/// `AWS_ENDPOINT_URL_SSO_OIDC` move either service.
public struct SSOCredentials: CredentialProvider {
  let profile: String
  let context: RoleContext

  public init(profile: String, context: RoleContext) {
    self.profile = profile
    self.context = context
  }

  public var name: String { "IAM Identity Center (profile \(profile))" }

  /// A token refreshes when it has less than this left, as botocore's does.
  static let refreshWindow: TimeInterval = 15 * 60

  public func credentials() async throws -> Credentials? {
    guard let settings = ProfileSettings(profile, environment: context.environment),
      settings["sso_session"] != nil || settings["sso_start_url"] != nil
    else { return nil }
    let sign = try SSOSignIn(settings, environment: context.environment)
    let token = try await currentToken(sign)
    let portal = SSOPortal(endpoint: sign.portal, transport: context.transport)
    return try await portal.roleCredentials(sign, token: token)
  }

  /// The cached token, refreshed first when it is about to expire and can be.
  private func currentToken(_ sign: SSOSignIn) async throws -> String {
    let path = SSOToken.path(home: context.environment.homeDirectory, key: sign.tokenKey)
    guard var token = SSOToken(contentsOf: path) else {
      throw sign.loginNeeded("there is no cached sign-in in ~/.aws/sso/cache")
    }
    let now = context.now()
    if token.expiresAt.timeIntervalSince(now) < Self.refreshWindow, sign.session != nil,
      token.canRefresh(at: now)
    {
      let oidc = SSOPortal(endpoint: sign.oidc, transport: context.transport)
      if let fresh = try? await oidc.refresh(token, now: now) {
        token = fresh
        try? token.write(to: path)
      }
    }
    guard token.expiresAt > now else { throw sign.loginNeeded("the cached sign-in has expired") }
    return token.accessToken
  }
}

/// What a profile's IAM Identity Center settings say, checked as botocore checks them.
struct SSOSignIn: Sendable {
  let profile: String
  /// The `sso_session` name; nil for a legacy profile.
  let session: String?
  let startURL: String
  let region: String
  let accountId: String
  let roleName: String
  let portal: Endpoint
  let oidc: Endpoint

  init(_ settings: ProfileSettings, environment: AWSEnvironment) throws {
    let problem = { (reason: String) in
      CredentialError.broken(source: "profile \(settings.name)", reason: reason)
    }
    var values = settings.values
    if let session = settings["sso_session"] {
      guard let section = environment.configFile.sections["sso-session \(session)"]?.values else {
        throw problem(
          "its sso_session \(session) has no [sso-session \(session)] section in ~/.aws/config")
      }
      values.merge(section) { $1 }
    }
    let missing = ["sso_start_url", "sso_region", "sso_account_id", "sso_role_name"]
      .filter { (values[$0] ?? "").isEmpty }
    guard missing.isEmpty else {
      throw problem("IAM Identity Center needs " + missing.joined(separator: ", "))
    }
    profile = settings.name
    session = settings["sso_session"]
    startURL = values["sso_start_url"]!
    region = values["sso_region"]!
    accountId = values["sso_account_id"]!
    roleName = values["sso_role_name"]!
    portal =
      environment["AWS_ENDPOINT_URL_SSO"].flatMap(Endpoint.init(url:))
      ?? Endpoint(url: "https://portal.sso.\(region).amazonaws.com")!
    oidc =
      environment["AWS_ENDPOINT_URL_SSO_OIDC"].flatMap(Endpoint.init(url:))
      ?? Endpoint(url: "https://oidc.\(region).amazonaws.com")!
  }

  /// The key of the token cache: the session name, else the start URL.
  var tokenKey: String { session ?? startURL }

  /// The one clear message for a sign-in that has to be made again.
  func loginNeeded(_ why: String) -> CredentialError {
    let command =
      session.map { "aws sso login --sso-session \($0)" } ?? "aws sso login --profile \(profile)"
    return .broken(
      source: "IAM Identity Center (profile \(profile))",
      reason: "\(why); sign in with `\(command)` and try again")
  }
}

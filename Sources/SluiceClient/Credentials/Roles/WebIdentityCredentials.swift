import Foundation

/// A web identity token (an OIDC token the platform writes to a file, as EKS service accounts do)
/// exchanged for a role's credentials with an unsigned STS AssumeRoleWithWebIdentity.
///
/// `AWS_WEB_IDENTITY_TOKEN_FILE`, `AWS_ROLE_ARN` and `AWS_ROLE_SESSION_NAME` win over the
/// profile's `web_identity_token_file`, `role_arn` and `role_session_name`, key by key, unless
/// `--profile` was given. The token file is read again on every refresh: platforms rotate it.
public struct WebIdentityCredentials: CredentialProvider {
  let profile: String
  let context: RoleContext
  let environmentVariables: Bool

  public init(profile: String, context: RoleContext, environmentVariables: Bool) {
    self.profile = profile
    self.context = context
    self.environmentVariables = environmentVariables
  }

  public var name: String { "web identity (AWS_WEB_IDENTITY_TOKEN_FILE, profile \(profile))" }

  static let variables = [
    "web_identity_token_file": "AWS_WEB_IDENTITY_TOKEN_FILE", "role_arn": "AWS_ROLE_ARN",
    "role_session_name": "AWS_ROLE_SESSION_NAME",
  ]

  private func setting(_ key: String, _ settings: ProfileSettings?) -> String? {
    if environmentVariables, let name = Self.variables[key], let value = context.environment[name] {
      return value
    }
    return settings?[key]
  }

  public func credentials() async throws -> Credentials? {
    let settings = ProfileSettings(profile, environment: context.environment)
    guard let tokenFile = setting("web_identity_token_file", settings) else { return nil }
    let source = "web identity (profile \(profile))"
    guard let roleArn = setting("role_arn", settings) else {
      throw CredentialError.broken(
        source: source, reason: "a web identity token file is set but no role_arn or AWS_ROLE_ARN")
    }
    let path = context.environment.expand(tokenFile)
    guard let data = FileManager.default.contents(atPath: path),
      case let token = String(decoding: data, as: UTF8.self).trimmingCharacters(
        in: .whitespacesAndNewlines),
      !token.isEmpty
    else {
      throw CredentialError.broken(source: source, reason: "cannot read the token file \(path)")
    }
    let sessionName =
      setting("role_session_name", settings)
      ?? "botocore-session-\(Int(context.now().timeIntervalSince1970))"
    do {
      let answer = try await STSRoleCall.withWebIdentity([
        "RoleArn": roleArn, "RoleSessionName": sessionName, "WebIdentityToken": token,
      ]).send(
        to: context.stsEndpoint, transport: context.transport, signer: nil, clock: context.clock)
      return answer.credentials.from(
        "web identity: assume-role \(roleArn) with the token in \(path)")
    } catch {
      throw CredentialError.broken(
        source: source, reason: "STS AssumeRoleWithWebIdentity of \(roleArn) failed: \(error)")
    }
  }
}

import Foundation

/// An AWS access key pair, with a session token for temporary credentials.
///
/// `description` never shows the secret or the token: credentials end up in error messages, logs and
/// debugger output more easily than anyone intends.
public struct Credentials: Sendable, Equatable, CustomStringConvertible,
  CustomDebugStringConvertible
{
  public let accessKeyId: String
  public let secretAccessKey: String
  public let sessionToken: String?
  /// When temporary credentials stop working; nil for long-term keys.
  public let expiration: Date?
  /// Where they came from, in words (`assume-role arn:… via source_profile base, MFA`): for
  /// `sluice whoami`; never a secret.
  public internal(set) var origin: String?

  public init(
    accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil,
    expiration: Date? = nil, origin: String? = nil
  ) {
    self.accessKeyId = accessKeyId
    self.secretAccessKey = secretAccessKey
    self.sessionToken = sessionToken
    self.expiration = expiration
    self.origin = origin
  }

  /// The same keys are the same credentials, wherever they were found.
  public static func == (lhs: Credentials, rhs: Credentials) -> Bool {
    lhs.accessKeyId == rhs.accessKeyId && lhs.secretAccessKey == rhs.secretAccessKey
      && lhs.sessionToken == rhs.sessionToken && lhs.expiration == rhs.expiration
  }

  /// The same credentials, saying where they came from unless they already do.
  func from(_ origin: String) -> Credentials {
    var named = self
    named.origin = self.origin ?? origin
    return named
  }

  /// True when the credentials expire within `margin` seconds of `now`.
  public func expires(within margin: TimeInterval, of now: Date) -> Bool {
    expiration.map { $0.timeIntervalSince(now) < margin } ?? false
  }

  public var description: String {
    "Credentials(\(accessKeyId), secret redacted\(sessionToken == nil ? "" : ", session token redacted"))"
  }

  public var debugDescription: String { description }
}

/// What may be said of the credentials in use, for `sluice whoami` and the status bar: never the
/// secret or the token.
public struct CredentialSummary: Sendable, Equatable {
  public let accessKeyId: String
  public let origin: String
  public let expiration: Date?
  public let temporary: Bool
}

extension LambdaClient {
  /// Finds (or refreshes) the credentials now, asking for an MFA code if a role needs one, so a
  /// command fails before it sends anything when it cannot sign in.
  public func signIn() async throws -> CredentialSummary {
    let current = try await credentials.credentials()
    return CredentialSummary(
      accessKeyId: current.accessKeyId, origin: current.origin ?? "unknown",
      expiration: current.expiration, temporary: current.sessionToken != nil)
  }
}

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

  public init(
    accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil,
    expiration: Date? = nil
  ) {
    self.accessKeyId = accessKeyId
    self.secretAccessKey = secretAccessKey
    self.sessionToken = sessionToken
    self.expiration = expiration
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

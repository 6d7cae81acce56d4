import Foundation

/// One place credentials can come from, in the order the AWS CLI looks.
///
/// `credentials()` returns nil when this source is simply not configured, so the chain moves on; it
/// throws when the source is configured but broken, so the operator hears why.
public protocol CredentialProvider: Sendable {
  /// A short name for the "sources tried" message.
  var name: String { get }
  func credentials() async throws -> Credentials?
}

/// Why credentials could not be had. Messages never contain a secret or a token.
public enum CredentialError: Error, Equatable, CustomStringConvertible {
  case notFound(tried: [String])
  case broken(source: String, reason: String)

  public var description: String {
    switch self {
    case .notFound(let tried):
      "No AWS credentials found. Tried: " + tried.joined(separator: ", ")
        + ". Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pick a profile with --profile or "
        + "AWS_PROFILE, or run on an instance or container with a role."
    case .broken(let source, let reason): "Credentials from \(source) failed: \(reason)"
    }
  }
}

/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` (or the legacy
/// `AWS_SECURITY_TOKEN`) and `AWS_CREDENTIAL_EXPIRATION`.
public struct EnvironmentCredentials: CredentialProvider {
  let environment: AWSEnvironment
  public var name: String { "environment variables" }

  public init(environment: AWSEnvironment) { self.environment = environment }

  public func credentials() throws -> Credentials? {
    try StaticKeys.credentials(
      from: environment.variables.filter { !$0.value.isEmpty }, source: name,
      names: StaticKeys.Names(
        key: "AWS_ACCESS_KEY_ID", secret: "AWS_SECRET_ACCESS_KEY",
        tokens: ["AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"], expiration: "AWS_CREDENTIAL_EXPIRATION"
      ))
  }
}

/// A key pair written out as named values: environment variables or a profile section.
enum StaticKeys {
  struct Names {
    let key: String
    let secret: String
    /// The session token's names, the preferred first.
    let tokens: [String]
    let expiration: String?
  }

  /// The names profile sections use.
  static let profile = Names(
    key: "aws_access_key_id", secret: "aws_secret_access_key",
    tokens: ["aws_session_token", "aws_security_token"], expiration: nil)

  /// nil when no key is given; an error when a key is given without its secret.
  static func credentials(from values: [String: String], source: String, names: Names = profile)
    throws -> Credentials?
  {
    guard let key = values[names.key] else { return nil }
    guard let secret = values[names.secret] else {
      throw CredentialError.broken(
        source: source, reason: "\(names.key) is set but \(names.secret) is not")
    }
    return Credentials(
      accessKeyId: key, secretAccessKey: secret,
      sessionToken: names.tokens.lazy.compactMap { values[$0] }.first,
      expiration: names.expiration.flatMap { values[$0] }.flatMap(ISOTime.parse))
  }
}

/// RFC 3339 times as credential sources write them (`2026-05-26T12:34:56Z`, with or without
/// fractions).
enum ISOTime {
  static func parse(_ text: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: text)
  }
}

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
    guard let key = environment["AWS_ACCESS_KEY_ID"] else { return nil }
    guard let secret = environment["AWS_SECRET_ACCESS_KEY"] else {
      throw CredentialError.broken(
        source: name, reason: "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
    }
    return Credentials(
      accessKeyId: key, secretAccessKey: secret,
      sessionToken: environment["AWS_SESSION_TOKEN"] ?? environment["AWS_SECURITY_TOKEN"],
      expiration: environment["AWS_CREDENTIAL_EXPIRATION"].flatMap(ISOTime.parse))
  }
}

/// Static keys in a profile section (credentials file or config file).
struct StaticProfileKeys {
  static func credentials(in values: [String: String], source: String) throws -> Credentials? {
    guard let key = values["aws_access_key_id"] else { return nil }
    guard let secret = values["aws_secret_access_key"] else {
      throw CredentialError.broken(
        source: source, reason: "aws_access_key_id is set but aws_secret_access_key is not")
    }
    return Credentials(
      accessKeyId: key, secretAccessKey: secret,
      sessionToken: values["aws_session_token"] ?? values["aws_security_token"])
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

import Foundation

/// A profile's role settings, checked as botocore checks them, and the AssumeRole arguments they
/// make.
struct RoleRequest: Sendable {
  let arn: String
  let sessionName: String?
  let externalId: String?
  let mfaSerial: String?
  let durationSeconds: Int?

  init(_ settings: ProfileSettings) throws {
    let problem = { (reason: String) in
      CredentialError.broken(source: "profile \(settings.name)", reason: reason)
    }
    guard let arn = settings["role_arn"] else { throw problem("role_arn is not set") }
    switch (settings["source_profile"], settings["credential_source"]) {
    case (.some, .some):
      throw problem("it sets both source_profile and credential_source; keep one")
    case (nil, nil):
      throw problem(
        "role_arn needs source_profile or credential_source to say whose credentials assume it")
    default: break
    }
    if let text = settings["duration_seconds"] {
      guard let seconds = Int(text), (900...43200).contains(seconds) else {
        throw problem("duration_seconds is \(text); it takes 900 to 43200")
      }
      durationSeconds = seconds
    } else {
      durationSeconds = nil
    }
    self.arn = arn
    sessionName = settings["role_session_name"]
    externalId = settings["external_id"]
    mfaSerial = settings["mfa_serial"]
  }

  /// The arguments the AWS CLI hashes into its cache key: a generated session name left out.
  var cacheArguments: [String: RoleArgument] {
    var arguments: [String: RoleArgument] = ["RoleArn": .text(arn)]
    if let sessionName { arguments["RoleSessionName"] = .text(sessionName) }
    if let externalId { arguments["ExternalId"] = .text(externalId) }
    if let mfaSerial { arguments["SerialNumber"] = .text(mfaSerial) }
    if let durationSeconds { arguments["DurationSeconds"] = .number(durationSeconds) }
    return arguments
  }

  /// The AssumeRole form parameters, with botocore's default session name when none is set.
  func parameters(now: Date) -> [String: String] {
    var parameters = cacheArguments.mapValues { argument in
      switch argument {
      case .text(let text): text
      case .number(let number): String(number)
      }
    }
    parameters["RoleSessionName"] =
      sessionName ?? "botocore-session-\(Int(now.timeIntervalSince1970))"
    return parameters
  }

  /// How these credentials were found, for `sluice whoami`.
  func origin(via source: String, cachedUntil expiration: Date?) -> String {
    var words = ["assume-role \(arn) via \(source)"]
    if mfaSerial != nil { words.append("MFA") }
    if let expiration {
      words.append("from the AWS CLI cache, until \(CacheTime.text(expiration))")
    }
    return words.joined(separator: ", ")
  }
}

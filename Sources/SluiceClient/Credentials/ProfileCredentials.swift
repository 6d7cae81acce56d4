import Foundation

/// Credentials a profile holds itself: static keys in `~/.aws/credentials`, a
/// `credential_process` (credentials file, then config file), then static keys in
/// `~/.aws/config`. Roles, web identity and IAM Identity Center have providers of their own,
/// before this one.
public struct ProfileCredentials: CredentialProvider {
  let profile: String
  let environment: AWSEnvironment
  /// The profile was asked for explicitly, so a missing one is an error rather than a skip.
  let explicit: Bool

  public init(profile: String, environment: AWSEnvironment, explicit: Bool) {
    self.profile = profile
    self.environment = environment
    self.explicit = explicit
  }

  public var name: String { "profile \(profile) (~/.aws/credentials, ~/.aws/config)" }

  public func credentials() throws -> Credentials? {
    let fromCredentials = environment.credentialsFile.credentialsProfile(profile)?.values
    let fromConfig = environment.configFile.configProfile(profile)?.values
    guard fromCredentials != nil || fromConfig != nil else {
      if explicit {
        throw CredentialError.broken(
          source: "profile \(profile)",
          reason: "no such profile in ~/.aws/credentials or ~/.aws/config")
      }
      return nil
    }
    if let keys = try StaticKeys.credentials(
      from: fromCredentials ?? [:], source: "profile \(profile) in ~/.aws/credentials")
    {
      return keys
    }
    if let command = fromCredentials?["credential_process"] ?? fromConfig?["credential_process"] {
      return try CredentialProcess(command: command).run()
    }
    if let keys = try StaticKeys.credentials(
      from: fromConfig ?? [:], source: "profile \(profile) in ~/.aws/config")
    {
      return keys
    }
    return nil
  }
}

/// Runs a `credential_process` command (without a shell) and reads its JSON, version 1.
struct CredentialProcess {
  let command: String

  func run() throws -> Credentials {
    let source = "credential_process"
    let arguments = ShellWords.split(command)
    guard let program = arguments.first else {
      throw CredentialError.broken(source: source, reason: "the command is empty")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program.contains("/") ? program : "/usr/bin/env")
    process.arguments = program.contains("/") ? Array(arguments.dropFirst()) : arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    do {
      try process.run()
    } catch {
      throw CredentialError.broken(source: source, reason: "cannot start \(program)")
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let message = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let text = String(decoding: message.prefix(300), as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines)
      throw CredentialError.broken(
        source: source, reason: "\(program) exited with \(process.terminationStatus): \(text)")
    }
    return try Self.parse(data)
  }

  /// `{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken"?, "Expiration"?}`.
  static func parse(_ data: Data) throws -> Credentials {
    let source = "credential_process"
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw CredentialError.broken(source: source, reason: "the output is not a JSON object")
    }
    guard object["Version"] as? Int == 1 else {
      throw CredentialError.broken(source: source, reason: "the output must have \"Version\": 1")
    }
    guard let key = object["AccessKeyId"] as? String,
      let secret = object["SecretAccessKey"] as? String
    else {
      throw CredentialError.broken(
        source: source, reason: "the output needs AccessKeyId and SecretAccessKey")
    }
    var expiration: Date?
    if let text = object["Expiration"] as? String {
      guard let date = ISOTime.parse(text) else {
        throw CredentialError.broken(source: source, reason: "Expiration is not an RFC 3339 time")
      }
      expiration = date
    }
    return Credentials(
      accessKeyId: key, secretAccessKey: secret, sessionToken: object["SessionToken"] as? String,
      expiration: expiration)
  }
}

/// Splits a command line into words as a POSIX shell would, without expanding anything.
enum ShellWords {
  static func split(_ line: String) -> [String] {
    var words: [String] = []
    var current = ""
    var inWord = false
    var quote: Character?
    var escaped = false
    for character in line {
      if escaped {
        current.append(character)
        escaped = false
      } else if character == "\\" && quote != "'" {
        escaped = true
        inWord = true
      } else if let open = quote {
        if character == open { quote = nil } else { current.append(character) }
      } else if character == "'" || character == "\"" {
        quote = character
        inWord = true
      } else if character == " " || character == "\t" {
        if inWord { words.append(current) }
        current = ""
        inWord = false
      } else {
        current.append(character)
        inWord = true
      }
    }
    if inWord { words.append(current) }
    return words
  }
}

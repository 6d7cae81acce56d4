import Crypto
import Foundation

/// The AWS CLI's cache of assumed-role credentials, `~/.aws/cli/cache/<key>.json`, read and
/// written in the CLI's own format and under its own key, so that one MFA code typed into either
/// tool serves both until the credentials expire.
///
/// The key is the SHA-1 of the AssumeRole arguments as Python's `json.dumps(sort_keys=True)`
/// writes them (a generated session name left out), as botocore computes it. Files are written
/// atomically (a temporary file, fsync, rename) with mode 0600: they hold credentials.
struct RoleCache: Sendable {
  let directory: String

  init(environment: AWSEnvironment) {
    directory = environment.homeDirectory + "/.aws/cli/cache"
  }

  init(directory: String) { self.directory = directory }

  /// The cache key of these AssumeRole arguments.
  static func key(for arguments: [String: RoleArgument]) -> String {
    let text =
      "{"
      + arguments.sorted { $0.key < $1.key }.map {
        PythonJSON.string($0.key) + ": " + $0.value.json
      }
      .joined(separator: ", ") + "}"
    return Insecure.SHA1.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
  }

  func path(for key: String) -> String { directory + "/" + key + ".json" }

  /// The cached answer under `key`, unless it expires within `window` seconds of `now`.
  func answer(for key: String, now: Date, window: TimeInterval) -> RoleAnswer? {
    guard let data = FileManager.default.contents(atPath: path(for: key)),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let credentials = object["Credentials"] as? [String: Any],
      let accessKey = credentials["AccessKeyId"] as? String,
      let secret = credentials["SecretAccessKey"] as? String,
      let token = credentials["SessionToken"] as? String,
      let expiration = (credentials["Expiration"] as? String).flatMap(CacheTime.parse),
      expiration.timeIntervalSince(now) >= window
    else { return nil }
    let user = object["AssumedRoleUser"] as? [String: Any]
    return RoleAnswer(
      credentials: Credentials(
        accessKeyId: accessKey, secretAccessKey: secret, sessionToken: token,
        expiration: expiration),
      assumedRoleArn: user?["Arn"] as? String ?? "",
      assumedRoleId: user?["AssumedRoleId"] as? String ?? "",
      requestId: (object["ResponseMetadata"] as? [String: Any])?["RequestId"] as? String)
  }

  /// Writes an answer under `key`, as the CLI would.
  func store(_ answer: RoleAnswer, for key: String) throws {
    var credentials: [String: Any] = [
      "AccessKeyId": answer.credentials.accessKeyId,
      "SecretAccessKey": answer.credentials.secretAccessKey,
      "SessionToken": answer.credentials.sessionToken ?? "",
      "Expiration": CacheTime.text(answer.credentials.expiration ?? Date()),
    ]
    if let account = answer.account { credentials["AccountId"] = account }
    var object: [String: Any] = [
      "Credentials": credentials,
      "AssumedRoleUser": ["AssumedRoleId": answer.assumedRoleId, "Arn": answer.assumedRoleArn],
    ]
    if let requestId = answer.requestId { object["ResponseMetadata"] = ["RequestId": requestId] }
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    try PrivateFile.replace(path(for: key), with: data)
  }
}

/// One AssumeRole argument as the cache key sees it: text, or a whole number of seconds.
enum RoleArgument: Sendable, Equatable {
  case text(String)
  case number(Int)

  var json: String {
    switch self {
    case .text(let text): PythonJSON.string(text)
    case .number(let number): String(number)
    }
  }
}

/// Strings as Python's `json.dumps` writes them by default: ASCII only, `\uXXXX` for the rest.
enum PythonJSON {
  static func string(_ text: String) -> String {
    var output = "\""
    for unit in text.utf16 {
      switch unit {
      case 0x22: output += "\\\""
      case 0x5C: output += "\\\\"
      case 0x0A: output += "\\n"
      case 0x0D: output += "\\r"
      case 0x09: output += "\\t"
      case 0x08: output += "\\b"
      case 0x0C: output += "\\f"
      case 0x20..<0x7F: output.unicodeScalars.append(Unicode.Scalar(unit)!)
      default: output += String(format: "\\u%04x", unit)
      }
    }
    return output + "\""
  }
}

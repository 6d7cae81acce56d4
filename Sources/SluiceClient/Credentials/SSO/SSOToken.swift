import Crypto
import Foundation

/// The IAM Identity Center token `aws sso login` leaves in `~/.aws/sso/cache/<sha1>.json`, keyed
/// by the `sso_session` name (or, for a legacy profile, the start URL), as botocore keys it.
struct SSOToken {
  var accessToken: String
  var expiresAt: Date
  /// What a refresh needs: present for `sso_session` logins, absent for legacy ones.
  var refreshToken: String?
  var clientId: String?
  var clientSecret: String?
  var registrationExpiresAt: String?
  /// Every member of the file, so a refresh writes back what it does not know untouched.
  var document: [String: Any]

  static func path(home: String, key: String) -> String {
    let hash = Insecure.SHA1.hash(data: Array(key.utf8)).map { String(format: "%02x", $0) }.joined()
    return home + "/.aws/sso/cache/" + hash + ".json"
  }

  init?(contentsOf path: String) {
    guard let data = FileManager.default.contents(atPath: path),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let accessToken = object["accessToken"] as? String,
      let expiresAt = (object["expiresAt"] as? String).flatMap(CacheTime.parse)
    else { return nil }
    self.accessToken = accessToken
    self.expiresAt = expiresAt
    refreshToken = object["refreshToken"] as? String
    clientId = object["clientId"] as? String
    clientSecret = object["clientSecret"] as? String
    registrationExpiresAt = object["registrationExpiresAt"] as? String
    document = object
  }

  /// True when a refresh is possible at `now`: a refresh token and a registration still valid.
  func canRefresh(at now: Date) -> Bool {
    guard refreshToken != nil, clientId != nil, clientSecret != nil,
      let registration = registrationExpiresAt.flatMap(CacheTime.parse)
    else { return false }
    return registration > now
  }

  /// Writes the token back as botocore does (times as `2026-12-04T21:05:00Z`), 0600, atomically.
  func write(to path: String) throws {
    var object = document
    object["accessToken"] = accessToken
    object["expiresAt"] = Self.utc(expiresAt)
    if let refreshToken { object["refreshToken"] = refreshToken }
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    try PrivateFile.replace(path, with: data)
  }

  static func utc(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
  }
}

import Foundation
import SluiceModel

/// One change Sluice sent to AWS, as the audit log keeps it: who, where, which mapping, each
/// changed member before and after, and how AWS answered.
///
/// Only what the operator would put in an incident report: no credentials, no headers, no
/// signatures. `before` is the mapping as Sluice read it just before sending.
public struct AuditRecord: Codable, Sendable, Equatable {
  /// One member of the request: its value before and the value sent (`nil`: absent).
  public struct Change: Codable, Sendable, Equatable {
    public let field: String
    public let before: JSONValue?
    public let after: JSONValue?

    public init(field: String, before: JSONValue?, after: JSONValue?) {
      self.field = field
      self.before = before
      self.after = after
    }
  }

  /// How AWS answered.
  public enum Result: String, Codable, Sendable {
    case accepted
    case failed
  }

  public let time: String
  public let profile: String
  public let region: String
  public let account: String
  public let caller: String
  public let uuid: String
  public let function: String
  public let changes: [Change]
  public let result: Result
  /// AWS's error, for a failed change.
  public let error: String?
  public let requestId: String?

  public init(
    time: String, profile: String, region: String, account: String, caller: String,
    uuid: String, function: String, changes: [Change], result: Result, error: String? = nil,
    requestId: String? = nil
  ) {
    self.time = time
    self.profile = profile
    self.region = region
    self.account = account
    self.caller = caller
    self.uuid = uuid
    self.function = function
    self.changes = changes
    self.result = result
    self.error = error
    self.requestId = requestId
  }

  /// The changes of an update body against the mapping as it was, one per member, sorted.
  public static func changes(body: [String: JSONValue], before: [String: JSONValue])
    -> [Change]
  {
    body.keys.sorted().map { Change(field: $0, before: before[$0], after: body[$0]) }
  }

  /// `2026-11-28T12:38:17.123Z`: UTC with milliseconds, sortable as text.
  public static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
  }
}

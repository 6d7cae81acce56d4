import ArgumentParser
import Foundation
import SluiceApp
import SluiceModel

/// `sluice log`: the changes Sluice has sent, from the audit log, oldest first.
struct Log: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "log",
    abstract: "Show the audit log: every change Sluice sent, with before and after values.")

  @Flag(help: "One JSON object per line, as stored.")
  var json = false

  @Option(help: "Only changes to this mapping.")
  var uuid: String?

  @Option(help: "Only the last N changes.")
  var last: Int?

  func validate() throws {
    if let last, last < 1 { throw ValidationError("--last takes 1 or more.") }
  }

  func run() throws {
    let log = StateDirectory(environment: .process).auditLog
    let (all, unreadable) = try log.read()
    var records = all.filter { uuid == nil || $0.uuid == uuid }
    if let last { records = Array(records.suffix(last)) }
    if unreadable > 0 {
      complain(
        "sluice: \(unreadable) line\(unreadable == 1 ? "" : "s") of \(log.path) could not be read.")
    }
    if json {
      for record in records {
        print(try AuditLog.line(record))
      }
      return
    }
    guard !records.isEmpty else {
      print("No changes\(uuid.map { " to \($0)" } ?? "") recorded in \(log.path).")
      return
    }
    for record in records { print(Self.describe(record)) }
  }

  /// A record for people: one heading line, then one line per changed member.
  static func describe(_ record: AuditRecord) -> String {
    let outcome =
      record.result == .accepted ? "accepted" : "FAILED: \(record.error ?? "no reason given")"
    var lines = [
      "\(record.time)  \(record.function)  \(record.uuid)  \(outcome)",
      "  by \(record.caller) (\(record.profile), \(record.region), account \(record.account))"
        + (record.requestId.map { ", request id \($0)" } ?? ""),
    ]
    for change in record.changes {
      lines.append(
        "  \(change.field): \(change.before?.compactText ?? "(absent)") -> \(change.after?.compactText ?? "(absent)")"
      )
    }
    return lines.map(DisplayText.sanitized).joined(separator: "\n")
  }
}

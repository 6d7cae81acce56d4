import Foundation

/// Where Sluice keeps what must outlive one run: the queue journals and the audit log.
///
/// `$XDG_STATE_HOME/sluice`, else `~/.local/state/sluice`, as the XDG base directory spec puts
/// state that is not configuration and not cache. Created private (0700) on first use.
public struct StateDirectory: Sendable, Equatable {
  public let path: String

  public init(path: String) { self.path = path }

  /// `$XDG_STATE_HOME/sluice` when that is an absolute path, else under the home directory.
  public init(xdgStateHome: String?, homeDirectory: String) {
    let base = xdgStateHome.flatMap { $0.hasPrefix("/") ? $0 : nil }
    path = (base ?? homeDirectory + "/.local/state") + "/sluice"
  }

  /// The audit log: every change sent, one JSON line each, across profiles and regions.
  public var auditLog: AuditLog { AuditLog(path: path + "/audit.jsonl") }

  /// Whom each access key belongs to, so STS is not asked on every run.
  public var identities: IdentityFile { IdentityFile(path: path + "/identities.json") }

  /// The queue journal for one profile, region and account.
  public func journal(profile: String, region: String, account: String) -> QueueJournal {
    let name = [profile, region, account].map(Self.fileSafe).joined(separator: "_")
    return QueueJournal(path: path + "/queues/" + name + ".json")
  }

  /// Letters, digits, `-` and `.` kept; anything else becomes `-`, so a profile name can never
  /// climb out of the directory.
  static func fileSafe(_ text: String) -> String {
    let kept = text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") ? $0 : "-" }
    return kept.isEmpty ? "-" : String(kept)
  }
}

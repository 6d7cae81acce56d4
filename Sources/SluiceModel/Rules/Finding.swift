/// One thing the validator has to say about a proposed change.
///
/// Errors block sending; warnings inform. Every finding names the field and carries a message that
/// states the rule and the allowed values, so it reads the same in the TUI, in `sluice validate`
/// and in a pipeline log.
public struct Finding: Sendable, Hashable, Codable, CustomStringConvertible {
  public enum Severity: String, Sendable, Hashable, Codable, Comparable {
    case warning
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
      lhs == .warning && rhs == .error
    }
  }

  public let severity: Severity
  /// The field the finding is about, such as `BatchSize` or `FilterCriteria.Filters[2].Pattern`.
  public let path: String
  /// A short, stable name of the rule, for scripts and tests.
  public let rule: String
  /// The sentence a person reads.
  public let message: String

  public init(_ severity: Severity, _ path: String, rule: String, _ message: String) {
    self.severity = severity
    self.path = path
    self.rule = rule
    self.message = message
  }

  static func error(_ path: String, rule: String, _ message: String) -> Finding {
    Finding(.error, path, rule: rule, message)
  }

  static func warning(_ path: String, rule: String, _ message: String) -> Finding {
    Finding(.warning, path, rule: rule, message)
  }

  public var description: String { "\(severity.rawValue): \(path): \(message)" }
}

extension Array where Element == Finding {
  /// True when at least one finding blocks sending.
  public var hasErrors: Bool { contains { $0.severity == .error } }
}

import SluiceModel

/// The outcome of checking one proposed update: findings, the diff and the body that would be sent.
///
/// Both front ends show the same report: `sluice validate` prints it, and the TUI's queue shows the
/// same diff and body before applying.
public struct ValidationReport: Sendable {
  public let findings: [Finding]
  public let diff: [DiffLine]
  public let body: [String: JSONValue]

  public init(draft: Draft) {
    findings = Validator.validate(draft)
    diff = draft.diff
    body = draft.updateBody
  }

  /// 0 when nothing blocks sending, 1 when an error does.
  public var exitCode: Int32 { findings.hasErrors ? 1 : 0 }

  /// The report for people; every string is sanitised, since files and the network are untrusted.
  public var text: String {
    var lines: [String] = []
    let errors = findings.filter { $0.severity == .error }.count
    let warnings = findings.count - errors
    if findings.isEmpty {
      lines.append("No problems found.")
    } else {
      lines.append(
        "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"):")
      lines += findings.map {
        "  \($0.severity == .error ? "error" : "warning") \($0.path): \($0.message)"
      }
    }
    lines.append("")
    if diff.isEmpty {
      lines.append("No changes: nothing would be sent.")
    } else {
      lines.append("Changes (\(diff.count)):")
      lines += diff.map { "  " + $0.text }
      lines.append("")
      lines.append("Body: " + JSONValue.object(body).compactText)
    }
    return lines.map(DisplayText.sanitized).joined(separator: "\n")
  }

  /// The report for scripts.
  public var json: JSONValue {
    .object([
      "valid": .bool(!findings.hasErrors),
      "findings": .array(
        findings.map { finding in
          .object([
            "severity": .string(finding.severity.rawValue), "path": .string(finding.path),
            "rule": .string(finding.rule), "message": .string(finding.message),
          ])
        }),
      "diff": .array(diff.map(Self.json)),
      "body": .object(body),
    ])
  }

  private static func json(_ line: DiffLine) -> JSONValue {
    switch line.change {
    case .added(let value): .object(["path": .string(line.path), "op": "add", "new": value])
    case .removed(let value): .object(["path": .string(line.path), "op": "remove", "old": value])
    case .changed(let old, let new):
      .object(["path": .string(line.path), "op": "change", "old": old, "new": new])
    }
  }
}

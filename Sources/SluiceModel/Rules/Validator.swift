/// Checks a proposed change against every rule Sluice knows, before anything is sent.
///
/// The service checks far more than the SDKs do (botocore checks only `required` and `min`), and it
/// answers a bad update with one terse error. The validator finds every problem at once, names the
/// field and the rule, and says what would be accepted. It is pure: the same draft always gives the
/// same findings, so the form can run it on every keystroke.
public enum Validator {
  /// All findings for a draft: errors first, then warnings, each group in field order.
  public static func validate(_ draft: Draft) -> [Finding] {
    let context = ValidationContext(draft: draft)
    var findings = RequestShapeRules.check(context)
    for spec in FieldCatalogue.fields where context.changed.contains(spec.path.member) {
      findings += FieldValueRules.check(spec, in: context)
    }
    findings += CrossFieldRules.check(context)
    var seen = Set<Finding>()
    let unique = findings.filter { seen.insert($0).inserted }
    return unique.filter { $0.severity == .error } + unique.filter { $0.severity == .warning }
  }

  /// Findings for one field only, as the form shows next to it.
  public static func findings(for path: FieldPath, in draft: Draft) -> [Finding] {
    let prefix = path.description
    return validate(draft).filter { finding in
      finding.path == prefix || finding.path.hasPrefix(prefix + ".")
        || finding.path.hasPrefix(prefix + "[")
        || (path.segments.contains("[]") && finding.path.hasPrefix(path.member + "."))
    }
  }
}

/// What every rule looks at: the mapping after the change, its kind, and which members change.
struct ValidationContext {
  let kind: SourceKind?
  let before: [String: JSONValue]
  let after: [String: JSONValue]
  let body: [String: JSONValue]
  var changed: Set<String> { Set(body.keys) }

  init(draft: Draft) {
    kind = draft.mapping.sourceKind
    before = draft.before
    after = draft.after
    body = draft.updateBody
  }

  /// The kind in words for messages.
  var kindName: String { kind?.displayName ?? "this source" }

  func integer(_ path: FieldPath) -> Int? { path.value(in: after)?.integerValue }

  func isChanged(_ member: String) -> Bool { body[member] != nil }
}

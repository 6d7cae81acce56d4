import SluiceModel

/// The inverse of a recorded change, as a draft to review like any other edit.
///
/// Built on the mapping as AWS has it now, so the diff shows exactly what undoing would send; a
/// member that was absent before the change is cleared with the API's empty value.
public enum Undo {
  public static func draft(reversing record: AuditRecord, on current: EventSourceMapping) -> Draft {
    var changes: [String: JSONValue] = [:]
    for change in record.changes {
      changes[change.field] = change.before ?? FieldCatalogue.clearValue(for: change.field)
    }
    return Draft(mapping: current, changes: changes)
  }

  /// Members someone changed again after the recorded change: undoing overwrites those too, so
  /// the operator is told.
  public static func changedSince(_ record: AuditRecord, on current: EventSourceMapping) -> [String]
  {
    let now = Draft(mapping: current).before
    return record.changes.filter { change in
      let after = change.after.flatMap { Draft.isClearing($0) || $0 == .null ? nil : $0 }
      return now[change.field] != after
    }.map(\.field)
  }
}

import Foundation
import SluiceModel

/// What `sluice get` prints: the facts of a mapping, then every field that applies to its kind
/// with its value (or its default when not set).
public enum MappingDetails {
  public static func render(_ mapping: EventSourceMapping) -> String {
    var lines: [(String, String)] = [
      ("UUID", mapping.uuid),
      ("State", mapping.state ?? "?"),
      ("Reason", mapping.stateTransitionReason ?? "-"),
      ("Last result", mapping.lastProcessingResult ?? "-"),
      (
        "Modified", mapping.lastModified.map { ISO8601DateFormatter().string(from: $0.date) } ?? "-"
      ),
      ("Function", mapping.functionArn ?? "-"),
      ("Source", mapping.eventSourceArn ?? MappingSummary.sourceName(mapping)),
      ("Kind", mapping.sourceKind?.displayName ?? "unknown"),
    ]
    let draft = Draft(mapping: mapping)
    for spec in FieldCatalogue.fields(for: mapping.sourceKind) {
      let value = draft.value(at: spec.path).map { $0.stringValue ?? $0.compactText }
      lines.append(
        (
          spec.path.description,
          value ?? "(default: \(spec.defaultDescription(for: mapping.sourceKind)))"
        ))
    }
    let width = lines.map(\.0.count).max() ?? 0
    return lines.map { name, value in
      DisplayText.sanitized(
        name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value)
    }.joined(separator: "\n")
  }
}

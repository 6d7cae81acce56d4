import SluiceModel

/// The one meaning of "matches the filter", shared by the TUI's `/` and `--all-matching`.
///
/// A mapping matches when its function, source (name or ARN), UUID, state, kind or processing
/// result contains the text, ignoring case.
public enum MappingFilter {
  public static func matches(_ mapping: EventSourceMapping, _ filter: String) -> Bool {
    filter.isEmpty || haystack(mapping).contains(filter.lowercased())
  }

  /// The lower-cased text a filter searches, computed once per mapping by the list.
  static func haystack(_ mapping: EventSourceMapping) -> String {
    [
      MappingSummary.functionName(mapping), MappingSummary.sourceName(mapping),
      mapping.eventSourceArn ?? "", mapping.uuid, mapping.state ?? "",
      mapping.sourceKind?.shortName ?? "", mapping.lastProcessingResult ?? "",
    ].joined(separator: "\u{1F}").lowercased()
  }

  /// "12 mappings of orders-worker, mailer and 3 more functions": what a bulk confirmation names.
  public static func describe(_ mappings: [EventSourceMapping]) -> String {
    var functions: [String] = []
    for mapping in mappings {
      let name = MappingSummary.functionName(mapping)
      if !functions.contains(name) { functions.append(name) }
    }
    let shown = functions.prefix(3).joined(separator: ", ")
    let more =
      functions.count > 3
      ? " and \(functions.count - 3) more function\(functions.count == 4 ? "" : "s")" : ""
    return "\(mappings.count) mapping\(mappings.count == 1 ? "" : "s") of \(shown)\(more)"
  }
}

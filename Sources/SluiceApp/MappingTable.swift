import SluiceModel

/// The table `sluice list` prints: one row per mapping, columns sized to their contents.
public enum MappingTable {
  static let headers = ["UUID", "STATE", "FUNCTION", "KIND", "SOURCE", "BATCH"]

  public static func render(_ mappings: [EventSourceMapping]) -> String {
    let rows = mappings.map { mapping in
      [
        mapping.uuid, mapping.state ?? "?", MappingSummary.functionName(mapping),
        MappingSummary.kindName(mapping), MappingSummary.sourceName(mapping),
        mapping.batchSize.map(String.init) ?? "-",
      ].map(DisplayText.sanitized)
    }
    let all = [headers] + rows
    let widths = headers.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    return all.map { row in
      row.enumerated().map { column, cell in
        column == row.count - 1
          ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
      }.joined(separator: "  ")
    }.joined(separator: "\n")
  }
}

import SluiceModel

/// The short names an operator recognises a mapping by: the function and the source.
///
/// ARNs are long and mostly the same; the last part is what tells mappings apart, in the table,
/// the form title and the confirmation dialogs alike.
public enum MappingSummary {
  /// `orders-worker` from `arn:aws:lambda:…:function:orders-worker[:alias]`, with the qualifier.
  public static func functionName(_ mapping: EventSourceMapping) -> String {
    guard let arn = mapping.functionArn else { return "?" }
    let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
    guard let index = parts.firstIndex(of: "function"), index + 1 < parts.count else { return arn }
    return parts[(index + 1)...].joined(separator: ":")
  }

  /// The queue, stream, table, cluster, broker or topic the mapping reads.
  public static func sourceName(_ mapping: EventSourceMapping) -> String {
    guard let arn = mapping.eventSourceArn, !arn.isEmpty else {
      return mapping.topics?.first ?? mapping.selfManagedEventSource?.endpoints?.values.first?.first
        ?? "?"
    }
    let resource =
      arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).last
      .map(String.init) ?? arn
    switch mapping.sourceKind {
    case .kinesis?:
      return resource.split(separator: "/").dropFirst().first.map(String.init) ?? resource
    case .dynamoDBStreams?:
      let parts = resource.split(separator: "/")
      return parts.count >= 4 ? "\(parts[1]) (stream \(parts[3].prefix(10)))" : resource
    case .msk?:
      let cluster = resource.split(separator: "/").dropFirst().first.map(String.init) ?? resource
      return mapping.topics?.first.map { "\(cluster)/\($0)" } ?? cluster
    case .amazonMQ?:
      let broker = resource.split(separator: ":").dropFirst().first.map(String.init) ?? resource
      return mapping.queues?.first.map { "\(broker)/\($0)" } ?? broker
    case .documentDB?:
      return resource.split(separator: ":").last.map(String.init) ?? resource
    default:
      return resource
    }
  }

  /// The kind's short name, or `?` when the source is not recognised.
  public static func kindName(_ mapping: EventSourceMapping) -> String {
    mapping.sourceKind?.shortName ?? "?"
  }
}

/// A change to one leaf of a JSON document.
///
/// The diff is what an operator reads before anything is sent, so it is one line per leaf, in a
/// stable order (keys sorted, list elements by index), each marked so a screen can colour it.
public struct DiffLine: Sendable, Hashable {
  public enum Change: Sendable, Hashable {
    case added(JSONValue)
    case removed(JSONValue)
    case changed(from: JSONValue, to: JSONValue)
  }

  /// The leaf's path, such as `FilterCriteria.Filters[0].Pattern`.
  public let path: String
  public let change: Change

  /// The line as text: `+ path: new`, `- path: old` or `~ path: old -> new`.
  public var text: String {
    switch change {
    case .added(let value): "+ \(path): \(value.compactText)"
    case .removed(let value): "- \(path): \(value.compactText)"
    case .changed(let old, let new): "~ \(path): \(old.compactText) -> \(new.compactText)"
    }
  }
}

/// Computes leaf-by-leaf differences between two JSON values.
public enum JSONDiff {
  public static func lines(from old: JSONValue?, to new: JSONValue?) -> [DiffLine] {
    var lines: [DiffLine] = []
    compare(old, new, path: "", into: &lines)
    return lines
  }

  private static func compare(
    _ old: JSONValue?, _ new: JSONValue?, path: String, into lines: inout [DiffLine]
  ) {
    switch (old, new) {
    case (nil, nil): return
    case (.object(let a)?, .object(let b)?):
      for key in Set(a.keys).union(b.keys).sorted() {
        compare(a[key], b[key], path: join(path, key), into: &lines)
      }
    case (.array(let a)?, .array(let b)?):
      for index in 0..<max(a.count, b.count) {
        compare(
          index < a.count ? a[index] : nil, index < b.count ? b[index] : nil,
          path: "\(path)[\(index)]", into: &lines)
      }
    case (let a?, nil):
      leaves(of: a, path: path) { lines.append(DiffLine(path: $0, change: .removed($1))) }
    case (nil, let b?):
      leaves(of: b, path: path) { lines.append(DiffLine(path: $0, change: .added($1))) }
    case (let a?, let b?) where a != b:
      lines.append(DiffLine(path: path, change: .changed(from: a, to: b)))
    default: return
    }
  }

  /// Calls `body` for every leaf under `value`; empty containers count as leaves.
  private static func leaves(of value: JSONValue, path: String, _ body: (String, JSONValue) -> Void)
  {
    switch value {
    case .object(let members) where !members.isEmpty:
      for key in members.keys.sorted() { leaves(of: members[key]!, path: join(path, key), body) }
    case .array(let elements) where !elements.isEmpty:
      for (index, element) in elements.enumerated() {
        leaves(of: element, path: "\(path)[\(index)]", body)
      }
    default: body(path, value)
    }
  }

  private static func join(_ path: String, _ key: String) -> String {
    path.isEmpty ? key : path + "." + key
  }
}

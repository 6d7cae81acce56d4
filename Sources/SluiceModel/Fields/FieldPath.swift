/// The place of a field inside an update request, such as `ScalingConfig.MaximumConcurrency`.
///
/// A `[]` segment stands for every element of a list, so `FilterCriteria.Filters[].Pattern` reads
/// as the list of pattern strings. The first segment is always a top-level request member, which is
/// the unit the update body is built from.
public struct FieldPath: Hashable, Sendable, Comparable, CustomStringConvertible,
  ExpressibleByStringLiteral
{
  /// The member names from the top down; `[]` marks "each element".
  public let segments: [String]

  public init(_ text: String) {
    var segments: [String] = []
    for part in text.split(separator: ".") {
      if part.hasSuffix("[]") {
        segments.append(String(part.dropLast(2)))
        segments.append("[]")
      } else {
        segments.append(String(part))
      }
    }
    self.segments = segments
  }

  public init(stringLiteral value: String) { self.init(value) }

  /// The top-level request member this path lives in.
  public var member: String { segments.first ?? "" }

  /// The last named segment, the name a person knows the field by.
  public var leaf: String { segments.last { $0 != "[]" } ?? member }

  /// True for a path below a top-level member, such as `ScalingConfig.MaximumConcurrency`.
  public var isNested: Bool { segments.count > 1 }

  /// The path below its member (`MaximumConcurrency`), or the member itself when not nested:
  /// what a form shows under the member's heading.
  public var belowMember: String {
    guard isNested else { return member }
    return Self.text(of: segments.dropFirst())
  }

  public var description: String { Self.text(of: segments[...]) }

  private static func text(of segments: ArraySlice<String>) -> String {
    segments.reduce("") { text, segment in
      segment == "[]" ? text + "[]" : (text.isEmpty ? segment : text + "." + segment)
    }
  }

  public static func < (lhs: FieldPath, rhs: FieldPath) -> Bool {
    lhs.description < rhs.description
  }

  /// The value at this path in a JSON object; a `[]` segment yields an array of the element values.
  public func value(in object: [String: JSONValue]) -> JSONValue? {
    Self.read(ArraySlice(segments), from: .object(object))
  }

  /// A copy of `object` with the value at this path replaced, or removed when `newValue` is nil.
  ///
  /// Containers on the way are created when missing. Writing an array through a `[]` segment makes
  /// one element per value, keeping the other members of elements that already existed.
  public func setting(_ newValue: JSONValue?, in object: [String: JSONValue]) -> [String: JSONValue]
  {
    Self.write(newValue, at: ArraySlice(segments), into: .object(object)).objectValue ?? object
  }

  private static func read(_ path: ArraySlice<String>, from value: JSONValue) -> JSONValue? {
    guard let head = path.first else { return value }
    if head == "[]" {
      guard let elements = value.arrayValue else { return nil }
      return .array(elements.map { read(path.dropFirst(), from: $0) ?? .null })
    }
    guard let child = value.objectValue?[head] else { return nil }
    return read(path.dropFirst(), from: child)
  }

  private static func write(
    _ newValue: JSONValue?, at path: ArraySlice<String>, into value: JSONValue
  )
    -> JSONValue
  {
    guard let head = path.first else { return newValue ?? .null }
    if head == "[]" {
      let existing = value.arrayValue ?? []
      let values = newValue?.arrayValue ?? []
      return .array(
        values.enumerated().map { index, element in
          let base = index < existing.count ? existing[index] : .object([:])
          return write(element, at: path.dropFirst(), into: base)
        })
    }
    var members = value.objectValue ?? [:]
    if path.count == 1, newValue == nil {
      members[head] = nil
    } else {
      members[head] = write(newValue, at: path.dropFirst(), into: members[head] ?? .object([:]))
    }
    return .object(members)
  }
}

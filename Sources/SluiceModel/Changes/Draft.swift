/// A loaded mapping plus the changes an operator proposes for it.
///
/// Changes are held per top-level request member, in the form they will be sent: nested objects
/// whole, and the API's explicit empty values (`{}`, `[]`, `""`) where a field is cleared. From
/// that one place come the minimal request body, the mapping as it will look afterwards, and the
/// diff between the two.
public struct Draft: Sendable, Equatable {
  public let mapping: EventSourceMapping
  /// Proposed top-level members. `null` marks a field cleared that the API cannot clear.
  public private(set) var changes: [String: JSONValue]

  public init(mapping: EventSourceMapping, changes: [String: JSONValue] = [:]) {
    self.mapping = mapping
    self.changes = changes
  }

  /// The mapping as an update request sees it: the document plus the `Enabled` and
  /// `FunctionName` members the response expresses as `State` and `FunctionArn`.
  public var before: [String: JSONValue] {
    var view = mapping.document
    view["Enabled"] = .bool(mapping.isEnabled)
    if let name = mapping.functionName { view["FunctionName"] = .string(name) }
    return view
  }

  /// The mapping as it will be once the changes are applied.
  public var after: [String: JSONValue] {
    var view = before
    for (member, value) in changes {
      view[member] = Self.isClearing(value) || value == .null ? nil : value
    }
    return view
  }

  /// The proposed value at a path (what the form shows).
  public func value(at path: FieldPath) -> JSONValue? {
    path.value(in: after)
  }

  /// Proposes a value for a field, or clears it when `value` is nil.
  ///
  /// Setting a field back to what the mapping has drops the change for its member.
  public mutating func set(_ path: FieldPath, to value: JSONValue?) {
    let member = path.member
    let original = before[member]
    guard let proposed = path.setting(value, in: after)[member], !Self.isClearing(proposed) else {
      changes[member] = original == nil ? nil : FieldCatalogue.clearValue(for: member)
      return
    }
    changes[member] = proposed == original ? nil : proposed
  }

  /// Drops every change.
  public mutating func discardChanges() { changes = [:] }

  /// The members that really change, in the form they are sent: the UpdateEventSourceMapping body.
  public var updateBody: [String: JSONValue] {
    changes.filter { member, value in !isUnchanged(member, value) }
  }

  /// One line per changed leaf between the mapping now and after the changes.
  public var diff: [DiffLine] {
    JSONDiff.lines(from: .object(before), to: .object(after))
  }

  private func isUnchanged(_ member: String, _ value: JSONValue) -> Bool {
    let original = before[member]
    if Self.isClearing(value) { return original == nil }
    if member == "FunctionName", let name = value.stringValue, let arn = original?.stringValue {
      return Self.functionName(name, sameAsArn: arn)
    }
    return value == original
  }

  /// True for a bare or partial name that names the function in `arn`, with the same qualifier.
  static func functionName(_ name: String, sameAsArn arn: String) -> Bool {
    name == arn || arn.hasSuffix(":function:" + name)
      || (name.contains(":function:") && arn.hasSuffix(":" + name))
  }

  /// True for `{}`, `[]`, `""`, and objects whose members are all such empty values: what the API
  /// takes as "remove this member".
  public static func isClearing(_ value: JSONValue) -> Bool {
    if value.isEmptyContainer { return true }
    guard let members = value.objectValue else { return false }
    return members.values.allSatisfy(isClearing)
  }
}

/// Rules about which members an update may carry at all.
///
/// A typo or a create-only member would otherwise reach the service and come back as a generic
/// error, or, worse for nested objects, be silently ignored.
enum RequestShapeRules {
  /// Members fixed when the mapping is created.
  static let createOnly: Set<String> = [
    "EventSourceArn", "StartingPosition", "StartingPositionTimestamp", "Topics", "Queues",
    "SelfManagedEventSource", "Tags",
  ]

  /// Members only the service writes.
  static let responseOnly: Set<String> = [
    "FunctionArn", "LastModified", "LastProcessingResult", "State", "StateTransitionReason",
    "EventSourceMappingArn", "FilterCriteriaError",
  ]

  /// Nested members that are known but checked by their own rules rather than the catalogue.
  static let otherKnownPaths: Set<String> = [
    "DestinationConfig.OnSuccess", "DestinationConfig.OnSuccess.Destination",
    "AmazonManagedKafkaEventSourceConfig.ConsumerGroupId",
    "SelfManagedKafkaEventSourceConfig.ConsumerGroupId",
  ]

  static func check(_ context: ValidationContext) -> [Finding] {
    var findings: [Finding] = []
    let catalogue = FieldCatalogue.members
    for member in context.body.keys.sorted() {
      if member == "UUID" {
        findings.append(
          .error(member, rule: "uuid-in-body", "UUID goes in the request path, not in the body."))
      } else if createOnly.contains(member) {
        findings.append(
          .error(
            member, rule: "create-only",
            "\(member) is fixed when a mapping is created; create a new mapping to change it."))
      } else if responseOnly.contains(member) {
        findings.append(
          .error(
            member, rule: "response-only",
            "\(member) is reported by the service and cannot be sent in an update."))
      } else if !catalogue.contains(member) {
        findings.append(
          .error(
            member, rule: "unknown-member",
            "\(member) is not a member of UpdateEventSourceMapping; check the spelling."))
      } else if context.body[member] == .null {
        findings.append(clearingRefused(member, kind: context.kind))
      } else if let value = context.body[member] {
        findings += unknownNestedMembers(in: value, path: member, before: context.before)
      }
    }
    return findings
  }

  /// Members the API has no empty value for cannot be cleared, only set.
  private static func clearingRefused(_ member: String, kind: SourceKind?) -> Finding {
    let defaultText = FieldCatalogue.field(at: FieldPath(member))?.defaultDescription(for: kind)
    let hint = defaultText.map { " (the default is \($0))" } ?? ""
    return .error(
      member, rule: "cannot-clear",
      "\(member) cannot be cleared or set to null; give a value instead\(hint).")
  }

  /// Keys inside a changed object that neither the catalogue nor the mapping itself knows.
  private static func unknownNestedMembers(
    in value: JSONValue, path: String, before: [String: JSONValue]
  ) -> [Finding] {
    guard let members = value.objectValue, !isCatalogueField(path) else { return [] }
    var findings: [Finding] = []
    for key in members.keys.sorted() {
      let child = path + "." + key
      let known = isKnownPrefix(child) || FieldPath(child).value(in: before) != nil
      if known {
        findings += unknownNestedMembers(in: members[key]!, path: child, before: before)
      } else {
        findings.append(
          .error(
            child, rule: "unknown-member",
            "\(child) is not a member of \(path); check the spelling."))
      }
    }
    return findings
  }

  private static let knownPrefixes: Set<String> = {
    var prefixes = otherKnownPaths
    for spec in FieldCatalogue.fields {
      var text = ""
      for segment in spec.path.segments {
        if segment == "[]" { break }
        text = text.isEmpty ? segment : text + "." + segment
        prefixes.insert(text)
      }
    }
    return prefixes
  }()

  private static func isKnownPrefix(_ path: String) -> Bool { knownPrefixes.contains(path) }

  /// Paths whose value is checked whole by its field rule (lists and free JSON are not walked).
  private static func isCatalogueField(_ path: String) -> Bool {
    FieldCatalogue.fields.contains { spec in
      spec.path.description == path || spec.path.description.hasPrefix(path + "[]")
    }
  }
}

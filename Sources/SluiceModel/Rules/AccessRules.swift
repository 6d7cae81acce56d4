/// Rules for `SourceAccessConfigurations`: the entry types each source accepts, and the one type
/// (`VIRTUAL_HOST`) that an update may never carry.
enum AccessRules {
  static let path = "SourceAccessConfigurations"

  /// The kinds each type is documented for.
  static let kindsByType: [String: Set<SourceKind>] = [
    "BASIC_AUTH": [.amazonMQ, .selfManagedKafka],
    "VPC_SUBNET": [.selfManagedKafka],
    "VPC_SECURITY_GROUP": [.selfManagedKafka],
    "SASL_SCRAM_256_AUTH": [.selfManagedKafka],
    "SERVER_ROOT_CA_CERTIFICATE": [.selfManagedKafka],
    "SASL_SCRAM_512_AUTH": [.msk, .selfManagedKafka],
    "CLIENT_CERTIFICATE_TLS_AUTH": [.msk, .selfManagedKafka],
    "VIRTUAL_HOST": [.amazonMQ],
  ]

  static let uriRule = TextRule(
    length: 1...200, pattern: "[a-zA-Z0-9\\-\\/*:_+=.@]*",
    patternDescription: "letters, digits and - / * : _ + = . @")

  static func check(_ value: JSONValue, kind: SourceKind?) -> [Finding] {
    guard let entries = value.arrayValue else {
      return [FieldValueRules.typeError(path, "a list of {Type, URI} entries", value)]
    }
    var findings: [Finding] = []
    if entries.count > 22 {
      findings.append(
        .error(path, rule: "count", "\(path) has \(entries.count) entries; at most 22 are allowed.")
      )
    }
    for (index, entry) in entries.enumerated() {
      findings += checkEntry(entry, at: "\(path)[\(index)]", kind: kind)
    }
    return findings
  }

  private static func checkEntry(_ entry: JSONValue, at place: String, kind: SourceKind?)
    -> [Finding]
  {
    guard let members = entry.objectValue else {
      return [FieldValueRules.typeError(place, "an object with Type and URI", entry)]
    }
    var findings: [Finding] = []
    for key in members.keys.sorted() where key != "Type" && key != "URI" {
      findings.append(
        .error("\(place).\(key)", rule: "unknown-member", "\(key) is not Type or URI."))
    }
    let type = members["Type"]?.stringValue ?? ""
    if type == "VIRTUAL_HOST" {
      findings.append(
        .error(
          "\(place).Type", rule: "virtual-host-on-update",
          "VIRTUAL_HOST is fixed when a RabbitMQ mapping is created; an update may not carry it."))
    } else if let kinds = kindsByType[type] {
      if let kind, !kinds.contains(kind) {
        let names = SourceKind.allCases.filter(kinds.contains).map(\.shortName)
        findings.append(
          .error(
            "\(place).Type", rule: "not-for-kind",
            "\(type) does not apply to \(kind.displayName); it is for "
              + names.joined(separator: ", ") + "."))
      }
    } else {
      let types = kindsByType.keys.sorted().joined(separator: ", ")
      findings.append(
        .error(
          "\(place).Type", rule: "choice", "Type \(JSONValue.quoted(type)) is not one of \(types).")
      )
    }
    guard let uri = members["URI"]?.stringValue else {
      return findings + [.error("\(place).URI", rule: "required", "Each entry needs a URI.")]
    }
    return findings + FieldValueRules.checkText(uri, rule: uriRule, path: "\(place).URI")
  }
}

import Foundation

/// An AWS shared config or credentials file, parsed the way botocore reads it.
///
/// Sections are `[name]`; values are `key = value`; a key with an empty value followed by indented
/// lines holds a nested block (as `lambda =` does inside a `[services x]` section). Lines starting
/// with `#` or `;` are comments.
public struct ProfileFile: Sendable, Equatable {
  public struct Section: Sendable, Equatable {
    public var values: [String: String] = [:]
    public var nested: [String: [String: String]] = [:]
  }

  public private(set) var sections: [String: Section] = [:]

  public init(parsing text: String) {
    var current: String?
    var nestedKey: String?
    for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      let line = rawLine.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
      let indented = rawLine.first == " " || rawLine.first == "\t"
      if line.hasPrefix("["), line.hasSuffix("]") {
        let name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
        current = name
        nestedKey = nil
        if sections[name] == nil { sections[name] = Section() }
        continue
      }
      guard let section = current, let equals = line.firstIndex(of: "=") else { continue }
      let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
      let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
      if indented, let parent = nestedKey {
        sections[section]?.nested[parent, default: [:]][key] = value
      } else if value.isEmpty {
        nestedKey = key
        if sections[section]?.nested[key] == nil { sections[section]?.nested[key] = [:] }
      } else {
        nestedKey = nil
        sections[section]?.values[key] = value
      }
    }
  }

  /// A profile in a config file: `[default]` or `[profile NAME]`.
  public func configProfile(_ name: String) -> Section? {
    name == "default"
      ? sections["default"] ?? sections["profile default"] : sections["profile \(name)"]
  }

  /// A profile in a credentials file: `[NAME]`.
  public func credentialsProfile(_ name: String) -> Section? { sections[name] }
}

import SluiceModel

/// One `--set Field=Value` of `sluice update`, read with the field's type from the catalogue.
///
/// `BatchSize=20` is a number, `Enabled=false` a boolean, a list or an object is JSON, and text
/// needs no quotes. `Field=` (nothing after the `=`) clears the field.
public struct Assignment: Sendable, Equatable {
  public let path: FieldPath
  /// nil clears the field.
  public let value: JSONValue?

  /// Why an assignment could not be read, naming it.
  public struct Problem: Error, CustomStringConvertible {
    public let text: String
    public let reason: String
    public var description: String { "--set \(text): \(reason)" }
  }

  public init(parsing text: String) throws {
    guard let equals = text.firstIndex(of: "=") else {
      throw Problem(text: text, reason: "expected Field=Value, such as BatchSize=20")
    }
    let name = String(text[..<equals])
    let raw = String(text[text.index(after: equals)...])
    guard let spec = FieldCatalogue.field(at: FieldPath(name)) else {
      let names = FieldCatalogue.fields.map(\.path.description).joined(separator: ", ")
      throw Problem(text: text, reason: "\(name) is not an updatable field; use one of \(names)")
    }
    path = spec.path
    guard !raw.isEmpty else {
      value = nil
      return
    }
    do {
      value = try Self.value(raw, for: spec)
    } catch {
      throw Problem(text: text, reason: error.reason)
    }
  }

  /// Why a value does not fit a field.
  public struct Unreadable: Error {
    public let reason: String
  }

  /// Reads text as a value of the field's type, as the form's line editor and `--set` both do.
  public static func value(_ raw: String, for spec: FieldSpec) throws(Unreadable) -> JSONValue {
    switch spec.type {
    case .boolean:
      guard let flag = ["true": true, "false": false][raw.lowercased()] else {
        throw Unreadable(reason: "\(spec.path) takes true or false")
      }
      return .bool(flag)
    case .integer:
      guard let number = Int(raw) else {
        throw Unreadable(reason: "\(spec.path) takes a whole number")
      }
      return .integer(number)
    case .text, .choice:
      return .string(raw)
    case .filterPatterns:
      // One pattern as it is, or a JSON list of pattern strings.
      if case .array(let patterns)? = try? JSONValue(parsing: raw) { return .array(patterns) }
      return .array([.string(raw)])
    case .choiceList:
      if let parsed = try? JSONValue(parsing: raw), parsed.arrayValue != nil { return parsed }
      return .array(raw.split(separator: ",").map { .string(String($0)) })
    case .accessConfigurations, .json:
      guard let parsed = try? JSONValue(parsing: raw) else {
        throw Unreadable(reason: "\(spec.path) takes JSON, such as \(example(for: spec))")
      }
      return parsed
    }
  }

  private static func example(for spec: FieldSpec) -> String {
    spec.type == .accessConfigurations
      ? #"[{"Type":"BASIC_AUTH","URI":"arn:…"}]"# : #"{"Key":"value"}"#
  }
}

import Foundation
import SluiceModel

/// Reading the JSON files an operator hands to `sluice validate`, with errors that name the file
/// and the problem rather than a decoder's internals.
public enum InputFiles {
  /// A file that could not be used, with the reason in words.
  public struct Problem: Error, CustomStringConvertible {
    public let file: String
    public let reason: String
    public var description: String { "\(file): \(reason)" }
  }

  /// Reads a mapping as GetEventSourceMapping returns it.
  public static func mapping(at path: String) throws(Problem) -> EventSourceMapping {
    let object = try jsonObject(at: path, what: "a mapping")
    do {
      return try EventSourceMapping(document: object)
    } catch {
      throw Problem(
        file: path,
        reason: "not a mapping as GetEventSourceMapping returns it: "
          + describe(error))
    }
  }

  /// Reads an UpdateEventSourceMapping request body. A `UUID` member naming the same mapping is
  /// accepted and dropped (it goes in the path), so `--cli-input-json` files work as they are.
  public static func update(at path: String, for mapping: EventSourceMapping) throws(Problem)
    -> [String: JSONValue]
  {
    var body = try jsonObject(at: path, what: "an update body")
    if let uuid = body["UUID"] {
      guard uuid.stringValue == mapping.uuid else {
        throw Problem(
          file: path,
          reason: "the update is for mapping \(uuid.compactText), not \(mapping.uuid)")
      }
      body["UUID"] = nil
    }
    return body
  }

  private static func jsonObject(at path: String, what: String) throws(Problem)
    -> [String: JSONValue]
  {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw Problem(file: path, reason: "cannot be read (\(error.localizedDescription))")
    }
    let value: JSONValue
    do {
      value = try JSONValue(parsing: data)
    } catch {
      throw Problem(file: path, reason: "is not valid JSON (\(syntaxProblem(in: data)))")
    }
    guard let object = value.objectValue else {
      throw Problem(file: path, reason: "must hold a JSON object (\(what)), not \(kind(of: value))")
    }
    return object
  }

  /// Where the JSON text goes wrong, as Foundation's parser reports it ("around character 11").
  private static func syntaxProblem(in data: Data) -> String {
    do {
      _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
      return "unreadable text"
    } catch {
      let detail = (error as NSError).userInfo["NSDebugDescription"] as? String
      return detail.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 } ?? "unreadable text"
    }
  }

  private static func kind(of value: JSONValue) -> String {
    switch value {
    case .array: "a list"
    case .string: "a string"
    case .null: "null"
    default: "a single value"
    }
  }

  /// A decoding error in words: which member, and what was wrong with it.
  static func describe(_ error: Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    func place(_ path: [CodingKey]) -> String {
      path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
    switch error {
    case .keyNotFound(let key, let context):
      let parent = place(context.codingPath)
      return "the member \(parent.isEmpty ? "" : parent + ".")\(key.stringValue) is missing"
    case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
      return "\(place(context.codingPath)) should be \(Self.name(of: type))"
    case .dataCorrupted(let context):
      let underlying = (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"]
      let detail = underlying.map { "\($0)" } ?? context.debugDescription
      let location = place(context.codingPath)
      return location.isEmpty ? detail : "\(location): \(detail)"
    @unknown default:
      return "\(error)"
    }
  }

  private static func name(of type: Any.Type) -> String {
    switch type {
    case is Int.Type: "a whole number"
    case is Bool.Type: "true or false"
    case is String.Type: "text"
    case is Double.Type: "a number"
    default: "\(type)".contains("Array") ? "a list" : "an object"
    }
  }
}

/// The paths and query strings of the Lambda event-source-mapping operations.
///
/// Kept apart from the transport so the signer, the retry layer, the demo backend and the tests all
/// agree on what each operation looks like on the wire.
public enum LambdaOperation: Sendable, Equatable {
  case list(functionName: String?, eventSourceArn: String?, marker: String?, maxItems: Int?)
  case get(uuid: String)
  case update(uuid: String)

  public static let apiVersionPath = "/2015-03-31/event-source-mappings"

  public var method: String {
    switch self {
    case .list, .get: "GET"
    case .update: "PUT"
    }
  }

  /// The path as sent, with the UUID percent-encoded as botocore does (nothing left "safe").
  public var path: String {
    switch self {
    case .list: Self.apiVersionPath
    case .get(let uuid), .update(let uuid): Self.apiVersionPath + "/" + Self.percentEncoded(uuid)
    }
  }

  /// The query parameters in the order they are sent, values not yet encoded.
  public var queryItems: [(name: String, value: String)] {
    guard case .list(let function, let source, let marker, let maxItems) = self else { return [] }
    var items: [(String, String)] = []
    if let function { items.append(("FunctionName", function)) }
    if let source { items.append(("EventSourceArn", source)) }
    if let marker { items.append(("Marker", marker)) }
    if let maxItems { items.append(("MaxItems", String(maxItems))) }
    return items
  }

  /// The encoded query string, without the leading `?`.
  public var query: String {
    queryItems.map { Self.percentEncoded($0.name) + "=" + Self.percentEncoded($0.value) }
      .joined(separator: "&")
  }

  /// RFC 3986 encoding that leaves only `A-Z a-z 0-9 - _ . ~` as they are, as SigV4 requires.
  public static func percentEncoded(_ text: String) -> String {
    var output = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
        UInt8(ascii: "."), UInt8(ascii: "~"):
        output.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        output += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
      }
    }
    return output
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: Swift.max(0, width - count)) + self
  }
}

import SluiceModel

/// The Lambda event-source-mapping operations and what each looks like on the wire.
///
/// Kept apart from the transport so the signer, the retry layer, the demo backend and the tests all
/// agree on methods, paths, query strings and bodies.
public enum LambdaOperation: Sendable, Equatable {
  case list(
    functionName: String? = nil, eventSourceArn: String? = nil, marker: String? = nil,
    maxItems: Int? = nil)
  case get(uuid: String)
  case update(uuid: String, body: [String: JSONValue])

  public static let basePath = "/2015-03-31/event-source-mappings"

  public var method: String {
    switch self {
    case .list, .get: "GET"
    case .update: "PUT"
    }
  }

  /// True for operations that change something, which read-only mode refuses.
  public var isMutating: Bool {
    if case .update = self { return true }
    return false
  }

  /// The path as sent, the UUID percent-encoded as one segment (botocore leaves nothing "safe").
  public var path: String {
    switch self {
    case .list: Self.basePath
    case .get(let uuid), .update(let uuid, _): Self.basePath + "/" + PercentEncoding.encode(uuid)
    }
  }

  /// The query parameters in the order they are sent.
  public var query: [HTTPRequest.QueryItem] {
    guard case .list(let function, let source, let marker, let maxItems) = self else { return [] }
    var items: [HTTPRequest.QueryItem] = []
    if let function { items.append(.init("FunctionName", function)) }
    if let source { items.append(.init("EventSourceArn", source)) }
    if let marker { items.append(.init("Marker", marker)) }
    if let maxItems { items.append(.init("MaxItems", String(maxItems))) }
    return items
  }

  /// The JSON body; only updates have one.
  public var body: [UInt8] {
    guard case .update(_, let body) = self else { return [] }
    return Array(JSONValue.object(body).compactText.utf8)
  }

  /// The unsigned request for an endpoint.
  public func request(to endpoint: Endpoint) -> HTTPRequest {
    var headers: [(name: String, value: String)] = []
    if case .update = self { headers.append(("Content-Type", "application/json")) }
    return HTTPRequest(
      method: method, scheme: endpoint.scheme, host: endpoint.hostHeader,
      path: endpoint.basePath + path, query: query, headers: headers, body: body)
  }
}

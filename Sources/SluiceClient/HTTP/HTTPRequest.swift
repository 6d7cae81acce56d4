/// An HTTP request as Sluice builds, signs and sends it.
///
/// A plain value, so signing is a pure function of the request, the credentials and the clock, and
/// tests can check every byte without a network.
public struct HTTPRequest: Sendable, Equatable {
  public var method: String
  /// `http` or `https`.
  public var scheme: String
  /// The host, with `:port` when it is not the scheme's default.
  public var host: String
  /// The path exactly as sent (already percent-encoded).
  public var path: String
  /// Query parameters, not yet encoded, in the order they are sent.
  public var query: [QueryItem]
  /// Header names and values; names are matched case-insensitively.
  public var headers: [(name: String, value: String)]
  public var body: [UInt8]

  public struct QueryItem: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
      self.name = name
      self.value = value
    }
  }

  public init(
    method: String, scheme: String = "https", host: String, path: String,
    query: [QueryItem] = [], headers: [(name: String, value: String)] = [], body: [UInt8] = []
  ) {
    self.method = method
    self.scheme = scheme
    self.host = host
    self.path = path
    self.query = query
    self.headers = headers
    self.body = body
  }

  /// The first value of a header, matched case-insensitively.
  public func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }

  /// The URL as sent: scheme, host, path and the percent-encoded query.
  public var url: String {
    let encoded = query.map {
      PercentEncoding.encode($0.name) + "=" + PercentEncoding.encode($0.value)
    }
    return "\(scheme)://\(host)\(path)"
      + (encoded.isEmpty ? "" : "?" + encoded.joined(separator: "&"))
  }

  public static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
    lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body
      && lhs.headers.map { "\($0.name):\($0.value)" }
        == rhs.headers.map { "\($0.name):\($0.value)" }
  }
}

/// Where Lambda requests go: a scheme, host, optional port and optional base path.
///
/// Parsed from `--endpoint-url` and friends, or derived from the region's partition.
public struct Endpoint: Sendable, Equatable, CustomStringConvertible {
  public let scheme: String
  public let host: String
  public let port: Int?
  public let basePath: String

  public init(scheme: String, host: String, port: Int? = nil, basePath: String = "") {
    self.scheme = scheme
    self.host = host
    self.port = port
    self.basePath = basePath
  }

  /// Parses `http(s)://host[:port][/path]`; nil for anything else.
  public init?(url text: String) {
    let parts = text.split(separator: "://", maxSplits: 1).map(String.init)
    guard parts.count == 2, ["http", "https"].contains(parts[0].lowercased()) else { return nil }
    scheme = parts[0].lowercased()
    var rest = Substring(parts[1])
    var path = ""
    if let slash = rest.firstIndex(of: "/") {
      path = String(rest[slash...])
      rest = rest[..<slash]
      while path.hasSuffix("/") { path.removeLast() }
    }
    if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
      host = String(rest[...close])
      let after = rest[rest.index(after: close)...]
      port = after.hasPrefix(":") ? Int(after.dropFirst()) : nil
      guard after.isEmpty || port != nil else { return nil }
    } else if let colon = rest.lastIndex(of: ":") {
      host = String(rest[..<colon])
      guard let number = Int(rest[rest.index(after: colon)...]), (1...65535).contains(number) else {
        return nil
      }
      port = number
    } else {
      host = String(rest)
      port = nil
    }
    guard !host.isEmpty else { return nil }
    basePath = path
  }

  /// The Host header: the port only when it is not the scheme's default.
  public var hostHeader: String {
    guard let port, port != (scheme == "https" ? 443 : 80) else { return host }
    return "\(host):\(port)"
  }

  public var description: String { "\(scheme)://\(hostHeader)\(basePath)" }
}

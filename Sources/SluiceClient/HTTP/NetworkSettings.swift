import Foundation

/// How Sluice reaches AWS, from the places the AWS CLI reads: the CA bundle to trust
/// (`AWS_CA_BUNDLE`, else the profile's `ca_bundle`) and the proxies to go through
/// (`HTTPS_PROXY` for https, `HTTP_PROXY` for http, either case, the lower-case one winning as in
/// Python's urllib; `NO_PROXY` hosts go direct).
public struct NetworkSettings: Sendable, Equatable {
  public var caBundle: String?
  public var httpsProxy: ProxyAddress?
  public var httpProxy: ProxyAddress?
  /// Host names (and their subdomains), `host:port` pairs, or `*` for every host.
  public var noProxy: [String]

  public init(
    caBundle: String? = nil, httpsProxy: ProxyAddress? = nil, httpProxy: ProxyAddress? = nil,
    noProxy: [String] = []
  ) {
    self.caBundle = caBundle
    self.httpsProxy = httpsProxy
    self.httpProxy = httpProxy
    self.noProxy = noProxy
  }

  /// A proxy URL that does not parse.
  public struct BadProxy: Error, CustomStringConvertible {
    public let variable: String
    public var description: String {
      "\(variable) is not a proxy URL of the form http://[user:password@]host:port"
    }
  }

  public static func resolve(profile: String, environment: AWSEnvironment) throws -> NetworkSettings
  {
    let settings = environment.configFile.configProfile(profile)?.values ?? [:]
    func variable(_ name: String) -> (String, String)? {
      (environment[name.lowercased()].map { (name.lowercased(), $0) })
        ?? environment[name].map { (name, $0) }
    }
    func proxy(_ name: String) throws -> ProxyAddress? {
      guard let (source, text) = variable(name) else { return nil }
      guard let address = ProxyAddress(text) else { throw BadProxy(variable: source) }
      return address
    }
    return NetworkSettings(
      caBundle: (environment["AWS_CA_BUNDLE"] ?? settings["ca_bundle"]).map(environment.expand),
      httpsProxy: try proxy("HTTPS_PROXY"), httpProxy: try proxy("HTTP_PROXY"),
      noProxy: (variable("NO_PROXY")?.1 ?? "").split(separator: ",")
        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
  }

  /// The proxy a request to this URL goes through, or nil to go direct.
  public func proxy(scheme: String, host: String, port: Int) -> ProxyAddress? {
    guard let proxy = scheme == "https" ? httpsProxy : httpProxy else { return nil }
    return bypasses(host: host, port: port) ? nil : proxy
  }

  /// `NO_PROXY` as urllib reads it: `*`, a host or a domain (a leading dot optional) that the host
  /// is or ends with, optionally with `:port`.
  func bypasses(host: String, port: Int) -> Bool {
    let host = host.lowercased()
    return noProxy.contains { entry in
      if entry == "*" { return true }
      var name = entry.lowercased()
      if name.hasPrefix(".") { name.removeFirst() }
      if !name.hasPrefix("["), let colon = name.lastIndex(of: ":") {
        guard name[name.index(after: colon)...] == String(port) else { return false }
        name = String(name[..<colon])
      }
      return host == name || host.hasSuffix("." + name)
    }
  }
}

/// A proxy's address and, when given, its basic-auth user and password. Its description never
/// shows the password: it joins the secrets kept out of output.
public struct ProxyAddress: Sendable, Equatable, CustomStringConvertible,
  CustomDebugStringConvertible
{
  public let host: String
  public let port: Int
  public let user: String?
  public let password: String?

  /// `http://[user:password@]host[:port]` (port 80 by default); the user and password may be
  /// percent-encoded.
  public init?(_ text: String) {
    var rest = Substring(text)
    if let range = rest.range(of: "://") {
      guard rest[..<range.lowerBound].lowercased() == "http" else { return nil }
      rest = rest[range.upperBound...]
    }
    if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
    var credentials: Substring?
    if let at = rest.lastIndex(of: "@") {
      credentials = rest[..<at]
      rest = rest[rest.index(after: at)...]
    }
    let parts = rest.split(separator: ":", maxSplits: 1)
    guard let name = parts.first, !name.isEmpty else { return nil }
    host = String(name)
    guard let port = parts.count > 1 ? Int(parts[1]) : 80, (1...65535).contains(port) else {
      return nil
    }
    self.port = port
    let pair = credentials.map {
      $0.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
    }
    user = pair?.first.map { String($0).removingPercentEncoding ?? String($0) }
    password = pair.flatMap {
      $0.count > 1 ? String($0[1]).removingPercentEncoding ?? String($0[1]) : nil
    }
  }

  public var description: String {
    "http://" + (user.map { $0 + (password == nil ? "" : ":***") + "@" } ?? "") + "\(host):\(port)"
  }

  public var debugDescription: String { description }
}

/// Sends one HTTP request and returns the response, or throws on a connection problem or timeout.
///
/// The Lambda client, the container and instance-metadata credential providers and the tests all
/// go through this one protocol; tests substitute an in-memory transport.
public protocol HTTPTransport: Sendable {
  func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse
}

/// A response: status, headers and the whole body.
public struct HTTPResponse: Sendable {
  public let status: Int
  public let headers: [(name: String, value: String)]
  public let body: [UInt8]

  public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// The first value of a header, matched case-insensitively.
  public func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }
}

/// A request that never got a response.
public enum TransportError: Error, Equatable, CustomStringConvertible {
  /// Could not connect, or the connection broke before the response was complete.
  case connection(String)
  /// No complete response within the time allowed.
  case timeout
  /// The TLS handshake failed (an untrusted certificate, a wrong host name): another attempt
  /// cannot fix it.
  case tls(String)
  /// The proxy refused the request (it wants a password, or would not open a tunnel).
  case proxy(String)
  /// Nothing answers there: the connection was refused, or the host name does not resolve.
  case unreachable(String)

  public var description: String {
    switch self {
    case .connection(let reason): "connection failed: \(reason)"
    case .timeout: "the request timed out"
    case .tls(let reason): reason
    case .proxy(let reason): reason
    case .unreachable(let reason): reason
    }
  }

  /// Whether another attempt may go differently.
  public var isTransient: Bool {
    switch self {
    case .connection, .timeout: true
    case .tls, .proxy, .unreachable: false
    }
  }
}

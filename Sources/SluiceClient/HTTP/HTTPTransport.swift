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

  public var description: String {
    switch self {
    case .connection(let reason): "connection failed: \(reason)"
    case .timeout: "the request timed out"
    }
  }
}

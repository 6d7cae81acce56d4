import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// The real transport, on AsyncHTTPClient, with a connect timeout and a per-request deadline.
///
/// It sends the headers exactly as signed (including Host) and maps every network failure to
/// `TransportError`, so the retry policy sees one vocabulary of errors.
public final class AsyncHTTPTransport: HTTPTransport {
  private let client: HTTPClient

  public init(connectTimeout: Duration = .seconds(3)) {
    var configuration = HTTPClient.Configuration()
    configuration.timeout = .init(
      connect: .nanoseconds(Int64(connectTimeout.components.seconds * 1_000_000_000)))
    configuration.decompression = .disabled
    client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
  }

  public func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
    var outgoing = HTTPClientRequest(url: request.url)
    outgoing.method = HTTPMethod(rawValue: request.method)
    for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
    if !request.body.isEmpty || request.method == "PUT" || request.method == "POST" {
      outgoing.body = .bytes(ByteBuffer(bytes: request.body))
    }
    let nanoseconds =
      timeout.components.seconds * 1_000_000_000
      + timeout.components.attoseconds / 1_000_000_000
    do {
      let response = try await client.execute(outgoing, timeout: .nanoseconds(nanoseconds))
      let body = try await response.body.collect(upTo: 64 * 1024 * 1024)
      return HTTPResponse(
        status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
        body: Array(buffer: body))
    } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
      throw TransportError.timeout
    } catch let error as HTTPClientError where error == .connectTimeout {
      throw TransportError.timeout
    } catch {
      throw TransportError.connection(String(describing: error))
    }
  }

  /// Closes every connection; call once when done.
  public func shutdown() async {
    try? await client.shutdown()
  }

  /// The same, from synchronous code that is not on an event loop (the TUI's main thread).
  public func shutdownNow() {
    try? client.syncShutdown()
  }
}

import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import SluiceModel

/// The real transport, on AsyncHTTPClient: HTTPS trusting the configured CA bundle, through the
/// configured proxies (CONNECT for https, basic auth from the proxy URL), with a connect timeout
/// and a per-request deadline.
///
/// It sends the headers exactly as signed (including Host) and maps every network failure to
/// `TransportError`, so the retry policy sees one vocabulary of errors and the operator one line
/// that says what to do.
public final class AsyncHTTPTransport: HTTPTransport {
  private let settings: NetworkSettings
  /// One client per route: direct, and one per proxy in use.
  private let direct: HTTPClient
  private let viaHTTPS: HTTPClient?
  private let viaHTTP: HTTPClient?

  public init(settings: NetworkSettings = NetworkSettings(), connectTimeout: Duration = .seconds(3))
  {
    self.settings = settings
    direct = Self.client(settings, proxy: nil, connectTimeout)
    viaHTTPS = settings.httpsProxy.map { Self.client(settings, proxy: $0, connectTimeout) }
    viaHTTP = settings.httpProxy.map { Self.client(settings, proxy: $0, connectTimeout) }
  }

  private static func client(
    _ settings: NetworkSettings, proxy: ProxyAddress?, _ connectTimeout: Duration
  ) -> HTTPClient {
    var configuration = HTTPClient.Configuration()
    configuration.timeout = .init(
      connect: .nanoseconds(Int64(connectTimeout.components.seconds * 1_000_000_000)))
    configuration.decompression = .disabled
    // A connection that cannot be made fails now; the retry policy decides whether to try again
    // (never for TLS), instead of the pool quietly trying until the connect timeout.
    configuration.connectionPool.retryConnectionEstablishment = false
    var tls = TLSConfiguration.makeClientConfiguration()
    if let bundle = settings.caBundle { tls.trustRoots = .file(bundle) }
    configuration.tlsConfiguration = tls
    if let proxy {
      let authorization = proxy.user.map {
        HTTPClient.Authorization.basic(username: $0, password: proxy.password ?? "")
      }
      configuration.proxy = .server(
        host: proxy.host, port: proxy.port, authorization: authorization)
    }
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
  }

  /// The client for this request's route.
  private func route(_ request: HTTPRequest) -> (HTTPClient, ProxyAddress?) {
    let (host, port) = Self.hostAndPort(request.host, scheme: request.scheme)
    guard let proxy = settings.proxy(scheme: request.scheme, host: host, port: port) else {
      return (direct, nil)
    }
    return ((request.scheme == "https" ? viaHTTPS : viaHTTP) ?? direct, proxy)
  }

  static func hostAndPort(_ header: String, scheme: String) -> (String, Int) {
    let parts = header.split(separator: ":")
    let port = parts.count == 2 ? Int(parts[1]) : nil
    return (String(parts.first ?? ""), port ?? (scheme == "https" ? 443 : 80))
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
    let (client, proxy) = route(request)
    do {
      let response = try await client.execute(outgoing, timeout: .nanoseconds(nanoseconds))
      let body = try await response.body.collect(upTo: 64 * 1024 * 1024)
      return HTTPResponse(
        status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
        body: Array(buffer: body))
    } catch {
      throw TransportFailure.map(
        error, host: Self.hostAndPort(request.host, scheme: request.scheme).0, proxy: proxy)
    }
  }

  /// Closes every connection; call once when done.
  public func shutdown() async {
    for client in [direct, viaHTTPS, viaHTTP].compactMap({ $0 }) { try? await client.shutdown() }
  }

  /// The same, from synchronous code that is not on an event loop (the TUI's main thread).
  public func shutdownNow() {
    for client in [direct, viaHTTPS, viaHTTP].compactMap({ $0 }) { try? client.syncShutdown() }
  }
}

/// Turns AsyncHTTPClient's and NIOSSL's errors into `TransportError`s that say what to do, and
/// never carry a proxy password or a library's internal text.
enum TransportFailure {
  static func map(_ error: Error, host: String, proxy: ProxyAddress?) -> TransportError {
    let via = proxy.map { " through the proxy \($0.host):\($0.port)" } ?? ""
    switch error {
    case let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout:
      return .timeout
    case let error as HTTPClientError where error == .connectTimeout:
      return .timeout
    case let error as HTTPClientError where error == .proxyAuthenticationRequired:
      return .proxy(
        "the proxy \(proxy.map { "\($0.host):\($0.port)" } ?? "") asks for a user and password "
          + "(407); put them in the proxy URL: http://user:password@host:port")
    case let error as HTTPClientError where error == .httpProxyHandshakeTimeout:
      return .proxy("the proxy\(via) did not open a tunnel to \(host) in time")
    case let error as NIOConnectionError where error.dnsAError != nil || error.dnsAAAAError != nil:
      return .unreachable("cannot find \(host) (DNS)\(via); check the endpoint URL and the network")
    case let error as NIOConnectionError
    where error.connectionErrors.contains { ($0.error as? IOError)?.errnoCode == ECONNREFUSED }:
      return refused(host, proxy)
    case let error as IOError where error.errnoCode == ECONNREFUSED:
      return refused(host, proxy)
    case let error as NIOSSLExtraError where error == .failedToValidateHostname:
      return .tls("TLS: the certificate of \(host) is not for \(host); check the endpoint URL")
    case let error as NIOSSLError:
      if "\(error)".contains("CERTIFICATE_VERIFY_FAILED") {
        return .tls(
          "TLS: the certificate of \(host) is not trusted\(via); set AWS_CA_BUNDLE (or ca_bundle "
            + "in the profile) to your CA's PEM file")
      }
      return .tls("TLS: the handshake with \(host)\(via) failed")
    default:
      let text = DisplayText.singleLine(String(describing: error))
      let reason = proxy?.password.map { text.replacingOccurrences(of: $0, with: "***") } ?? text
      return .connection(reason + via)
    }
  }

  private static func refused(_ host: String, _ proxy: ProxyAddress?) -> TransportError {
    guard let proxy else {
      return .unreachable(
        "\(host) refused the connection; check the endpoint URL and that it is up")
    }
    return .unreachable(
      "the proxy \(proxy.host):\(proxy.port) refused the connection; check HTTPS_PROXY or HTTP_PROXY"
    )
  }
}

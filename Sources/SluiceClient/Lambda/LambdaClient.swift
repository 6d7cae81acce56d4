import Foundation
import Logging
import SluiceModel

/// The Lambda event-source-mapping API, signed, with retries: what both the TUI and the
/// subcommands use.
public struct LambdaClient: Sendable {
  public let endpoint: Endpoint
  public let region: String
  /// Where `callerIdentity()` sends STS GetCallerIdentity.
  public let identityEndpoint: Endpoint
  let transport: HTTPTransport
  let credentials: CredentialChain
  let retry: RetryPolicy
  let readOnly: Bool
  let requestTimeout: Duration
  let sleep: @Sendable (Double) async throws -> Void
  let now: @Sendable () -> Date
  let logger: Logger
  let identityMemory: IdentityMemory?
  /// The clock retries and settle waits pause on.
  var clock: WaitClock { WaitClock(now: now, sleep: sleep) }

  public init(
    endpoint: Endpoint, region: String, identityEndpoint: Endpoint? = nil,
    transport: HTTPTransport, credentials: CredentialChain,
    retry: RetryPolicy = RetryPolicy(), readOnly: Bool = false,
    requestTimeout: Duration = .seconds(30),
    sleep: @escaping @Sendable (Double) async throws -> Void = { seconds in
      try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
    },
    now: @escaping @Sendable () -> Date = Date.init,
    logger: Logger = Logger(label: "sluice.client"), identityMemory: IdentityMemory? = nil
  ) {
    self.identityMemory = identityMemory
    self.endpoint = endpoint
    self.region = region
    self.identityEndpoint =
      identityEndpoint ?? RegionAndEndpoint(region: region, endpoint: endpoint).identityEndpoint
    self.transport = transport
    self.credentials = credentials
    self.retry = retry
    self.readOnly = readOnly
    self.requestTimeout = requestTimeout
    self.sleep = sleep
    self.now = now
    self.logger = logger
  }

  /// Every mapping, following `NextMarker` page by page; `onPage` sees each page as it arrives.
  public func listAll(
    functionName: String? = nil, eventSourceArn: String? = nil,
    onPage: @Sendable ([EventSourceMapping]) -> Void = { _ in }
  ) async throws -> [EventSourceMapping] {
    var all: [EventSourceMapping] = []
    var marker: String?
    var pages = 0
    repeat {
      let response = try await send(
        .list(
          functionName: functionName, eventSourceArn: eventSourceArn, marker: marker, maxItems: 100)
      )
      let page = try ListPage(response)
      all += page.mappings
      onPage(page.mappings)
      marker = page.nextMarker.flatMap { $0.isEmpty ? nil : $0 }
      pages += 1
    } while marker != nil && pages < 10_000
    return all
  }

  public func get(_ uuid: String) async throws -> EventSourceMapping {
    try Self.mapping(from: try await send(.get(uuid: uuid)))
  }

  /// Sends an update. A mapping busy in another transition (`ResourceInUseException`) is waited
  /// for, up to `settleTimeout` seconds, and the update is then tried again.
  public func update(
    _ uuid: String, body: [String: JSONValue], settleTimeout: Double = 60
  ) async throws -> AcceptedUpdate {
    let response: HTTPResponse
    do {
      response = try await send(.update(uuid: uuid, body: body))
    } catch let error as AWSServiceError where error.code == "ResourceInUseException" {
      _ = try await waitUntilSettled(uuid, timeout: settleTimeout, clock: clock)
      response = try await send(.update(uuid: uuid, body: body))
    }
    return AcceptedUpdate(
      mapping: try Self.mapping(from: response),
      requestId: response.header("x-amzn-requestid"))
  }

  /// Signs and sends one operation, retrying as the policy allows.
  func send(_ operation: LambdaOperation) async throws -> HTTPResponse {
    if readOnly && operation.isMutating {
      throw ClientError.readOnly(operation.method + " " + operation.path)
    }
    return try await sendSigned(operation.request(to: endpoint), service: "lambda")
  }

  /// Signs a request for `service` and sends it, retrying as the policy allows.
  func sendSigned(_ unsigned: HTTPRequest, service: String) async throws -> HTTPResponse {
    let current = try await credentials.credentials()
    let signer = SigV4Signer(credentials: current, region: region, service: service)
    let label = unsigned.method + " " + unsigned.path
    var attempt = 1
    var retried: Int?
    while true {
      try await retry.limiter?.acquire()
      var request = unsigned
      request.headers.append(("User-Agent", "sluice/0.1"))
      let signed = signer.sign(request, at: now())
      do {
        let response = try await transport.send(signed, timeout: requestTimeout)
        logger.debug("\(label) -> \(response.status) (attempt \(attempt))")
        guard (200..<300).contains(response.status) else {
          throw AWSServiceError(response: response).redacting(
            [current.secretAccessKey] + (current.sessionToken.map { [$0] } ?? []))
        }
        retry.succeeded(retried: retried)
        return response
      } catch {
        guard let wait = retry.retry(after: error, attempt: attempt, retried: &retried) else {
          throw error
        }
        logger.debug(
          "\(label) failed (\(error)); retrying in \(String(format: "%.2f", wait)) s"
        )
        try await sleep(wait)
        attempt += 1
      }
    }
  }

  /// The JSON object a response carries.
  static func object(from response: HTTPResponse, expecting what: String) throws
    -> [String: JSONValue]
  {
    let value: JSONValue
    do {
      value = try JSONValue(parsing: response.body)
    } catch {
      throw ClientError.unreadableResponse(what, "\(error)")
    }
    guard let object = value.objectValue else {
      throw ClientError.unreadableResponse(what, "the body is not a JSON object")
    }
    return object
  }

  static func mapping(from response: HTTPResponse) throws -> EventSourceMapping {
    try mapping(from: object(from: response, expecting: "EventSourceMapping"))
  }

  static func mapping(from object: [String: JSONValue]) throws -> EventSourceMapping {
    do {
      return try EventSourceMapping(document: object)
    } catch {
      throw ClientError.unreadableResponse("EventSourceMapping", "\(error)")
    }
  }

  /// One page of ListEventSourceMappings.
  struct ListPage {
    let mappings: [EventSourceMapping]
    let nextMarker: String?

    init(_ response: HTTPResponse) throws {
      let object = try LambdaClient.object(from: response, expecting: "ListPage")
      guard let listed = object["EventSourceMappings"]?.arrayValue else {
        throw ClientError.unreadableResponse("ListPage", "EventSourceMappings is not a list")
      }
      mappings = try listed.map { element in
        guard let document = element.objectValue else {
          throw ClientError.unreadableResponse("ListPage", "a listed mapping is not an object")
        }
        return try LambdaClient.mapping(from: document)
      }
      nextMarker = object["NextMarker"]?.stringValue
    }
  }
}

/// Failures of the client itself, as opposed to errors AWS returned.
public enum ClientError: Error, Equatable, CustomStringConvertible {
  case readOnly(String)
  case unreadableResponse(String, String)
  case notSettled(uuid: String, state: String, seconds: Double)

  public var description: String {
    switch self {
    case .readOnly(let call): "read-only mode: \(call) was not sent"
    case .unreadableResponse(let type, let reason): "the response is not a \(type): \(reason)"
    case .notSettled(let uuid, let state, let seconds):
      "mapping \(uuid) was still \(state) after \(Int(seconds)) s"
    }
  }
}

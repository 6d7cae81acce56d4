import Foundation
import SluiceClient

/// An in-memory transport that answers from a script and records every request it was sent.
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
  enum Step {
    case respond(HTTPResponse)
    case fail(TransportError)
  }

  private let lock = NSLock()
  private var steps: [Step]
  private var recorded: [HTTPRequest] = []
  /// Answers once the script has run out.
  private let fallback: @Sendable (HTTPRequest) -> HTTPResponse

  init(
    _ steps: [Step] = [],
    fallback: @escaping @Sendable (HTTPRequest) -> HTTPResponse = { _ in HTTPResponse(status: 500) }
  ) {
    self.steps = steps
    self.fallback = fallback
  }

  var requests: [HTTPRequest] { lock.withLock { recorded } }

  func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
    let step: Step? = lock.withLock {
      recorded.append(request)
      return steps.isEmpty ? nil : steps.removeFirst()
    }
    switch step {
    case .respond(let response)?: return response
    case .fail(let error)?: throw error
    case nil: return fallback(request)
    }
  }

  static func json(_ status: Int, _ text: String, headers: [(name: String, value: String)] = [])
    -> Step
  {
    .respond(HTTPResponse(status: status, headers: headers, body: Array(text.utf8)))
  }

  static func error(_ status: Int, _ code: String, retryAfter: String? = nil) -> Step {
    var headers: [(name: String, value: String)] = [
      ("x-amzn-ErrorType", code), ("x-amzn-RequestId", "req-\(status)"),
    ]
    if let retryAfter { headers.append(("Retry-After", retryAfter)) }
    return json(status, #"{"message": "injected \#(code)", "Type": "User"}"#, headers: headers)
  }
}

/// A clock for the client: sleeping records the delay and moves the clock on by it at once.
final class SleepRecorder: @unchecked Sendable {
  static let start = Date(timeIntervalSince1970: 1_764_316_800)
  private let lock = NSLock()
  private var recorded: [Double] = []
  var delays: [Double] { lock.withLock { recorded } }
  func sleep(_ seconds: Double) { lock.withLock { recorded.append(seconds) } }
  var now: Date { Self.start.addingTimeInterval(delays.reduce(0, +)) }
}

/// A client on a scripted transport with fixed credentials and a clock that moves only by the
/// sleeps it records.
func scriptedClient(
  _ transport: ScriptedTransport, sleeps: SleepRecorder = SleepRecorder(), maxAttempts: Int = 3,
  readOnly: Bool = false
) -> LambdaClient {
  let credentials = Credentials(accessKeyId: "AKIDTEST", secretAccessKey: "secret-for-tests")
  return LambdaClient(
    endpoint: Endpoint(url: "https://lambda.us-east-1.amazonaws.com")!, region: "us-east-1",
    transport: transport,
    credentials: CredentialChain(providers: [FixedCredentials(credentials: credentials)]),
    retry: RetryPolicy(maxAttempts: maxAttempts, random: { 0.5 }), readOnly: readOnly,
    sleep: { sleeps.sleep($0) }, now: { sleeps.now })
}

struct FixedCredentials: CredentialProvider {
  let credentials: Credentials?
  var name: String { "fixed" }
  func credentials() async throws -> Credentials? { credentials }
}

let mappingJSON =
  #"{"UUID": "u-1", "State": "Enabled", "BatchSize": 10, "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:q"}"#

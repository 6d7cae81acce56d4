import Foundation
import SluiceClient
import SluiceModel
import Testing

struct LambdaClientTests {
  @Test func listFollowsNextMarkerAcrossPages() async throws {
    let transport = ScriptedTransport([
      ScriptedTransport.json(
        200, #"{"EventSourceMappings": [{"UUID": "a"}, {"UUID": "b"}], "NextMarker": "m/1+"}"#),
      ScriptedTransport.json(200, #"{"EventSourceMappings": [{"UUID": "c"}], "NextMarker": "m2"}"#),
      ScriptedTransport.json(200, #"{"EventSourceMappings": []}"#),
    ])
    let pages = PageCounter()
    let all = try await scriptedClient(transport).listAll(functionName: "fn") {
      pages.add($0.count)
    }
    #expect(all.map(\.uuid) == ["a", "b", "c"])
    #expect(pages.sizes == [2, 1, 0])
    let urls = transport.requests.map(\.url)
    #expect(urls.count == 3)
    #expect(urls[0].hasSuffix("?FunctionName=fn&MaxItems=100"))
    #expect(urls[1].hasSuffix("?FunctionName=fn&Marker=m%2F1%2B&MaxItems=100"))
    #expect(
      transport.requests.allSatisfy {
        $0.header("authorization")?.contains("/us-east-1/lambda/aws4_request") == true
      })
  }

  @Test(arguments: [
    ScriptedTransport.error(429, "TooManyRequestsException"),
    ScriptedTransport.error(500, "ServiceException"),
    ScriptedTransport.error(503, "ServiceUnavailable"),
    ScriptedTransport.error(400, "ThrottlingException"),
    ScriptedTransport.Step.fail(.connection("reset by peer")),
    ScriptedTransport.Step.fail(.timeout),
  ])
  func transientFailuresAreRetried(_ failure: ScriptedTransport.Step) async throws {
    let sleeps = SleepRecorder()
    let transport = ScriptedTransport([failure, failure, ScriptedTransport.json(200, mappingJSON)])
    let mapping = try await scriptedClient(transport, sleeps: sleeps).get("u-1")
    #expect(mapping.uuid == "u-1")
    #expect(transport.requests.count == 3)
    // Full jitter with random() = 0.5: 0.5 * 1 s, then 0.5 * 2 s.
    #expect(sleeps.delays == [0.5, 1.0])
    // Each attempt is signed afresh, at the time it is sent: the clock moved by each sleep
    // (0 s, 0.5 s, 1.5 s after the start), so the third attempt's date and signature are new.
    #expect(
      transport.requests.map { $0.header("x-amz-date") }
        == ["20251128T080000Z", "20251128T080000Z", "20251128T080001Z"])
    let signatures = transport.requests.compactMap { $0.header("authorization") }
    #expect(signatures.count == 3 && signatures[2] != signatures[0])
  }

  @Test func giveUpAfterMaxAttemptsWithTheLastError() async throws {
    let transport = ScriptedTransport(fallback: { _ in
      HTTPResponse(
        status: 503, headers: [("x-amzn-ErrorType", "ServiceUnavailable")],
        body: Array(#"{"message":"down"}"#.utf8))
    })
    await #expect(throws: AWSServiceError(code: "ServiceUnavailable", message: "down", status: 503))
    {
      _ = try await scriptedClient(transport, maxAttempts: 4).get("u-1")
    }
    #expect(transport.requests.count == 4)
  }

  @Test func retryAfterIsHonoured() async throws {
    let sleeps = SleepRecorder()
    let transport = ScriptedTransport([
      ScriptedTransport.error(429, "TooManyRequestsException", retryAfter: "3"),
      ScriptedTransport.json(200, mappingJSON),
    ])
    _ = try await scriptedClient(transport, sleeps: sleeps).get("u-1")
    #expect(sleeps.delays == [3])
  }

  @Test(arguments: [
    (400, "InvalidParameterValueException"), (404, "ResourceNotFoundException"),
    (409, "ResourceConflictException"), (403, "AccessDeniedException"),
    (403, "InvalidSignatureException"), (403, "UnrecognizedClientException"),
  ])
  func clientErrorsAreNotRetried(_ status: Int, _ code: String) async throws {
    let transport = ScriptedTransport([ScriptedTransport.error(status, code)])
    do {
      _ = try await scriptedClient(transport).get("u-1")
      Issue.record("expected \(code)")
    } catch let error as AWSServiceError {
      #expect(error.code == code)
      #expect(error.status == status)
      #expect(error.requestId == "req-\(status)")
      #expect(error.description == "\(code): injected \(code) (request id req-\(status))")
    }
    #expect(transport.requests.count == 1)
  }

  @Test func resourceInUseWaitsForTheMappingToSettle() async throws {
    let sleeps = SleepRecorder()
    let transport = ScriptedTransport([
      ScriptedTransport.error(400, "ResourceInUseException"),
      ScriptedTransport.json(200, #"{"UUID": "u-1", "State": "Creating"}"#),
      ScriptedTransport.json(200, #"{"UUID": "u-1", "State": "Enabled"}"#),
      ScriptedTransport.json(
        202, #"{"UUID": "u-1", "State": "Updating", "BatchSize": 5}"#,
        headers: [("x-amzn-RequestId", "req-accepted")]),
    ])
    let updated = try await scriptedClient(transport, sleeps: sleeps).update(
      "u-1", body: ["BatchSize": 5])
    #expect(updated.mapping.state == "Updating")
    #expect(updated.requestId == "req-accepted")
    #expect(transport.requests.map(\.method) == ["PUT", "GET", "GET", "PUT"])
    #expect(sleeps.delays == [0.5])
    #expect(String(decoding: transport.requests[3].body, as: UTF8.self) == #"{"BatchSize":5}"#)
  }

  @Test func readOnlyRefusesUpdatesBeforeSending() async throws {
    let transport = ScriptedTransport()
    await #expect(throws: ClientError.self) {
      _ = try await scriptedClient(transport, readOnly: true).update(
        "u-1", body: ["Enabled": false])
    }
    #expect(transport.requests.isEmpty)
  }
}

final class PageCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var recorded: [Int] = []
  var sizes: [Int] { lock.withLock { recorded } }
  func add(_ size: Int) { lock.withLock { recorded.append(size) } }
}

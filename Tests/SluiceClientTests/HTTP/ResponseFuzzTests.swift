import Foundation
import SluiceClient
import SluiceTestSupport
import Testing

/// Mutated responses through the decoder and the error parsers: whatever arrives, the client
/// either returns a value or throws one of its typed errors; it never crashes or hangs.
///
/// `SLUICE_FUZZ_ITERATIONS` sets the budget (the suite runs a short one).
struct ResponseFuzzTests {
  static let iterations =
    Int(ProcessInfo.processInfo.environment["SLUICE_FUZZ_ITERATIONS"] ?? "") ?? 1500

  static let corpus: [String] = [
    #"{"EventSourceMappings": [{"UUID": "a", "BatchSize": 10, "State": "Enabled", "LastModified": 1.764316800E9, "FilterCriteria": {"Filters": [{"Pattern": "{\"a\":[1]}"}]}, "DestinationConfig": {"OnFailure": {"Destination": "arn:aws:sqs:us-east-1:1:q"}}}], "NextMarker": "m"}"#,
    #"{"UUID": "u", "EventSourceArn": "arn:aws:kafka:us-east-1:1:cluster/c/x", "Topics": ["t"], "SourceAccessConfigurations": [{"Type": "SASL_SCRAM_512_AUTH", "URI": "arn:x"}], "ScalingConfig": {"MaximumConcurrency": 5}, "LastModified": "2026-11-28T10:00:00.000+0000"}"#,
    #"{"__type": "com.amazonaws#ResourceNotFoundException:http://x", "message": "gone", "Type": "User"}"#,
    "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::1:user/a</Arn><Account>1</Account></GetCallerIdentityResult></GetCallerIdentityResponse>",
    "<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r</RequestId></ErrorResponse>",
    "", "{}", "[]", "null",
  ]

  static let tokens: [String] = [
    "{", "}", "[", "]", "\"", ":", ",", "null", "true", "1e999", "-0", "\\u0000", "\\ud800",
    "\u{1b}[2J", "<Code>", "</Code>", "&amp;", "\"UUID\"", "\"NextMarker\": \"x\"",
    "9999999999999999999",
  ]

  static func mutate(_ input: [UInt8], _ random: inout SplitMix) -> [UInt8] {
    var bytes = input
    for _ in 0..<Int.random(in: 1...4, using: &random) {
      let position = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &random)
      switch Int.random(in: 0..<6, using: &random) {
      case 0 where position < bytes.count:
        bytes[position] ^= 1 << UInt8.random(in: 0..<8, using: &random)
      case 1: bytes.insert(UInt8.random(in: 0...255, using: &random), at: position)
      case 2:
        bytes.insert(contentsOf: Array(tokens.randomElement(using: &random)!.utf8), at: position)
      case 3 where position < bytes.count:
        bytes.removeSubrange(
          position..<min(bytes.count, position + Int.random(in: 1...16, using: &random)))
      case 4 where position < bytes.count:
        let end = min(bytes.count, position + Int.random(in: 1...32, using: &random))
        bytes.insert(contentsOf: bytes[position..<end], at: position)
      default: bytes = Array(bytes.prefix(position))
      }
    }
    return bytes
  }

  static func isTyped(_ error: Error) -> Bool {
    error is ClientError || error is AWSServiceError
  }

  @Test func mutatedResponsesNeverCrashTheDecoderOrTheErrorParsers() async {
    var random = SplitMix(state: 0x5EED)
    let empty = HTTPResponse(status: 200, body: Array(#"{"EventSourceMappings": []}"#.utf8))
    var decoded = 0
    for iteration in 0..<Self.iterations {
      let body = Self.mutate(Array(Self.corpus.randomElement(using: &random)!.utf8), &random)
      let status = [200, 202, 400, 403, 404, 429, 500, 503].randomElement(using: &random)!
      let headers: [(name: String, value: String)] =
        Bool.random(using: &random)
        ? [("x-amzn-ErrorType", String(decoding: body.prefix(40), as: UTF8.self))] : []
      let response = HTTPResponse(status: status, headers: headers, body: body)
      let client = scriptedClient(
        ScriptedTransport([.respond(response)], fallback: { _ in empty }), maxAttempts: 1)
      do {
        decoded += try await client.listAll().count
      } catch {
        #expect(Self.isTyped(error), "iteration \(iteration): \(type(of: error))")
      }
      let again = scriptedClient(ScriptedTransport([.respond(response)]), maxAttempts: 1)
      do {
        _ = try await again.get("u")
      } catch {
        #expect(Self.isTyped(error), "iteration \(iteration): \(type(of: error))")
      }
      let sts = scriptedClient(ScriptedTransport([.respond(response)]), maxAttempts: 1)
      do {
        _ = try await sts.callerIdentity()
      } catch {
        #expect(Self.isTyped(error), "iteration \(iteration): \(type(of: error))")
      }
      let parsed = AWSServiceError(response: response)
      #expect(!parsed.code.isEmpty && parsed.status == status)
    }
    // The corpus is valid to start with, so some mutations must still decode.
    #expect(decoded > 0)
  }
}

import Foundation
import SluiceClient
import SluiceModel

/// The client's own cost for a List: signing, the in-memory "network", and decoding 1000 mappings.
enum ClientBench {
  /// Answers every request with the same body, as fast as memory allows.
  struct FixedTransport: HTTPTransport {
    let body: [UInt8]
    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
      HTTPResponse(status: 200, body: body)
    }
  }

  static func run(_ mappings: [EventSourceMapping]) async {
    let page = JSONValue.object([
      "EventSourceMappings": .array(mappings.prefix(1000).map { .object($0.document) })
    ])
    let body = Array(page.compactText.utf8)
    let client = LambdaClient(
      endpoint: Endpoint(scheme: "https", host: "lambda.us-east-1.amazonaws.com"),
      region: "us-east-1", transport: FixedTransport(body: body),
      credentials: CredentialChain(providers: [
        EnvironmentCredentials(
          environment: AWSEnvironment(variables: [
            "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "bench-secret",
          ]))
      ]))
    let rounds = 20
    var decoded = 0
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<rounds {
      decoded += (try? await client.listAll().count) ?? 0
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(rounds)
    print(
      String(
        format:
          "decode-list-1000-mappings: %.1f ms per response (%d KB, signed and decoded; %d mappings)",
        seconds * 1e3, body.count / 1024, decoded / rounds))
  }
}

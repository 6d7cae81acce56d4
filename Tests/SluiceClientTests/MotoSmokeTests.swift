import Foundation
import SluiceClient
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Proves the test peer is wired in: moto_server, started by the test command, answers a plain
/// (unsigned) ListEventSourceMappings built from our operation description.
///
/// The test command sets `SLUICE_TEST_MOTO_URL`; it also sets `SLUICE_REQUIRE_PEER`, so a run of the
/// suite that lost the peer fails instead of skipping quietly.
struct MotoSmokeTests {
  static let motoURL = ProcessInfo.processInfo.environment["SLUICE_TEST_MOTO_URL"]
  static let peerRequired = ProcessInfo.processInfo.environment["SLUICE_REQUIRE_PEER"] != nil

  @Test(.enabled(if: motoURL != nil || peerRequired, "moto_server is not running"))
  func listsMappingsFromMoto() async throws {
    let base = try #require(Self.motoURL, "the test command must start moto_server")
    let endpoint = try #require(Endpoint(url: base))
    let list = LambdaOperation.list(maxItems: 10).request(to: endpoint)
    var request = URLRequest(url: try #require(URL(string: list.url)))
    request.httpMethod = list.method
    // moto routes by the service named in the credential scope; it does not check this signature.
    request.setValue(
      "AWS4-HMAC-SHA256 Credential=AKIDSMOKE/20261128/us-east-1/lambda/aws4_request, "
        + "SignedHeaders=host, Signature=0", forHTTPHeaderField: "Authorization")
    let (data, response) = try await URLSession.shared.data(for: request)
    #expect((response as? HTTPURLResponse)?.statusCode == 200)
    let body = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    #expect(body?["EventSourceMappings"] is [Any])
  }
}

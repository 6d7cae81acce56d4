import Foundation
import SluiceClient
import Testing

struct CallerIdentityTests {
  static let answer = """
    <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
      <GetCallerIdentityResult>
        <Arn>arn:aws:sts::111122223333:assumed-role/Ops&amp;On-Call/alice</Arn>
        <UserId>AROAEXAMPLE:alice</UserId>
        <Account>111122223333</Account>
      </GetCallerIdentityResult>
      <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
    </GetCallerIdentityResponse>
    """

  @Test func asksSTSWithASignedFormPostAndReadsTheAnswer() async throws {
    let transport = ScriptedTransport([
      .respond(HTTPResponse(status: 200, body: Array(Self.answer.utf8)))
    ])
    let identity = try await scriptedClient(transport).callerIdentity()
    #expect(
      identity
        == CallerIdentity(
          account: "111122223333", arn: "arn:aws:sts::111122223333:assumed-role/Ops&On-Call/alice"))
    let request = try #require(transport.requests.first)
    #expect(request.method == "POST" && request.host == "sts.us-east-1.amazonaws.com")
    #expect(
      String(decoding: request.body, as: UTF8.self) == "Action=GetCallerIdentity&Version=2011-06-15"
    )
    #expect(request.header("authorization")?.contains("/us-east-1/sts/aws4_request") == true)
  }

  @Test func readOnlyModeStillMayAskWhoWeAre() async throws {
    let transport = ScriptedTransport([
      .respond(HTTPResponse(status: 200, body: Array(Self.answer.utf8)))
    ])
    #expect(
      try await scriptedClient(transport, readOnly: true).callerIdentity().account == "111122223333"
    )
  }

  @Test func anXMLErrorIsReadWithCodeMessageAndRequestId() async throws {
    let body = """
      <ErrorResponse><Error><Type>Sender</Type><Code>ExpiredToken</Code>
      <Message>The security token included in the request is expired</Message></Error>
      <RequestId>abc-123</RequestId></ErrorResponse>
      """
    let transport = ScriptedTransport([.respond(HTTPResponse(status: 400, body: Array(body.utf8)))])
    await #expect(
      throws: AWSServiceError(
        code: "ExpiredToken", message: "The security token included in the request is expired",
        status: 400, requestId: "abc-123")
    ) {
      _ = try await scriptedClient(transport).callerIdentity()
    }
  }

  @Test func anAnswerWithoutAnAccountIsAClearError() async throws {
    let transport = ScriptedTransport([
      .respond(HTTPResponse(status: 200, body: Array("<x/>".utf8)))
    ])
    await #expect(throws: ClientError.self) {
      _ = try await scriptedClient(transport).callerIdentity()
    }
  }

  /// `AWS_ENDPOINT_URL` moves every service, STS too; `--endpoint-url` moves Lambda only.
  @Test func identityGoesWhereSTSIsConfiguredElseToRegionalSTS() throws {
    let custom = try RegionAndEndpoint.resolve(
      region: "eu-west-1", endpointURL: nil, profile: "default",
      environment: AWSEnvironment(
        variables: ["AWS_ENDPOINT_URL": "http://127.0.0.1:5000"], homeDirectory: "/nonexistent"))
    #expect(custom.identityEndpoint.description == "http://127.0.0.1:5000")
    let lambdaOnly = try RegionAndEndpoint.resolve(
      region: "eu-west-1", endpointURL: "http://127.0.0.1:5000", profile: "default",
      environment: AWSEnvironment(variables: [:], homeDirectory: "/nonexistent"))
    #expect(lambdaOnly.identityEndpoint.host == "sts.eu-west-1.amazonaws.com")
    let regional = try RegionAndEndpoint.resolve(
      region: "cn-north-1", endpointURL: nil, profile: "default",
      environment: AWSEnvironment(variables: [:], homeDirectory: "/nonexistent"))
    #expect(regional.identityEndpoint.host == "sts.cn-north-1.amazonaws.com.cn")
    let own = try RegionAndEndpoint.resolve(
      region: "us-east-1", endpointURL: nil, profile: "default",
      environment: AWSEnvironment(
        variables: ["AWS_ENDPOINT_URL_STS": "http://sts.local:9"], homeDirectory: "/nonexistent"))
    #expect(own.identityEndpoint.description == "http://sts.local:9")
  }
}

final class MemoryOfIdentities: IdentityMemory, @unchecked Sendable {
  private let lock = NSLock()
  private var known: [String: CallerIdentity] = [:]
  var keys: [String] { lock.withLock { Array(known.keys) } }
  func identity(forKey key: String) -> CallerIdentity? { lock.withLock { known[key] } }
  func remember(_ identity: CallerIdentity, forKey key: String) {
    lock.withLock { known[key] = identity }
  }
}

struct IdentityMemoryTests {
  @Test func stsIsAskedOncePerAccessKey() async throws {
    let memory = MemoryOfIdentities()
    let transport = ScriptedTransport([
      .respond(HTTPResponse(status: 200, body: Array(CallerIdentityTests.answer.utf8)))
    ])
    let client = LambdaClient(
      endpoint: Endpoint(url: "https://lambda.us-east-1.amazonaws.com")!, region: "us-east-1",
      transport: transport,
      credentials: CredentialChain(providers: [
        FixedCredentials(credentials: Credentials(accessKeyId: "AKIDONE", secretAccessKey: "s"))
      ]), identityMemory: memory)
    let first = try await client.callerIdentity()
    let second = try await client.callerIdentity()
    #expect(first == second && first.account == "111122223333")
    #expect(transport.requests.count == 1)
    #expect(memory.keys == ["AKIDONE@https://sts.us-east-1.amazonaws.com"])
  }
}

import SluiceClient
import Testing

struct AWSServiceErrorTests {
  func response(_ status: Int, _ headers: [(name: String, value: String)], _ body: String)
    -> HTTPResponse
  {
    HTTPResponse(status: status, headers: headers, body: Array(body.utf8))
  }

  @Test func codeComesFromTheHeaderWithoutSuffixOrNamespace() {
    let error = AWSServiceError(
      response: response(
        409,
        [
          (
            "x-amzn-ErrorType",
            "ResourceConflictException:http://internal.amazon.com/coral/com.amazonaws.lambda/"
          )
        ],
        #"{"Type": "User", "message": "busy"}"#))
    #expect(error.code == "ResourceConflictException")
    #expect(error.message == "busy")
    let namespaced = AWSServiceError(
      response: response(
        400, [("X-Amzn-Errortype", "aws.lambda#InvalidParameterValueException")], "{}"))
    #expect(namespaced.code == "InvalidParameterValueException")
  }

  @Test func fallsBackToBodyCodesThenStatus() {
    #expect(
      AWSServiceError(response: response(400, [], #"{"code": "A", "Message": "m"}"#)).code == "A")
    #expect(AWSServiceError(response: response(400, [], #"{"Code": "B"}"#)).code == "B")
    #expect(AWSServiceError(response: response(400, [], #"{"__type": "ns#C"}"#)).code == "C")
    let bare = AWSServiceError(response: response(502, [], "<html>bad gateway</html>"))
    #expect(bare.code == "HTTP502")
    #expect(bare.message == "<html>bad gateway</html>")
  }

  @Test func keepsRequestIdAndRetryAfter() {
    let error = AWSServiceError(
      response: response(
        429,
        [
          ("x-amzn-ErrorType", "TooManyRequestsException"), ("x-amzn-RequestId", "r-1"),
          ("Retry-After", "2"),
        ],
        #"{"message": "Rate exceeded", "Reason": "CallerRateLimitExceeded"}"#))
    #expect(error.requestId == "r-1")
    #expect(error.retryAfter == 2)
    #expect(error.description == "TooManyRequestsException: Rate exceeded (request id r-1)")
  }
}

struct ErrorRedactionTests {
  @Test func aQuotedSessionTokenNeverLeavesTheClient() async throws {
    let transport = ScriptedTransport([
      ScriptedTransport.json(
        403,
        #"{"message": "The Canonical String was x-amz-security-token:TOKEN-1234567890 and secret-for-tests"}"#,
        headers: [("x-amzn-ErrorType", "InvalidSignatureException")])
    ])
    let credentials = Credentials(
      accessKeyId: "AKIDTEST", secretAccessKey: "secret-for-tests", sessionToken: "TOKEN-1234567890"
    )
    let client = LambdaClient(
      endpoint: Endpoint(url: "https://lambda.us-east-1.amazonaws.com")!, region: "us-east-1",
      transport: transport,
      credentials: CredentialChain(providers: [FixedCredentials(credentials: credentials)]))
    do {
      _ = try await client.get("u-1")
      Issue.record("expected an error")
    } catch {
      let text = String(describing: error)
      #expect(text.contains("x-amz-security-token:[redacted] and [redacted]"))
      #expect(!text.contains("TOKEN-1234567890") && !text.contains("secret-for-tests"))
    }
  }
}

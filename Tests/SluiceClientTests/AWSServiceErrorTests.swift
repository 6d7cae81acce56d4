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

import SluiceClient
import SluiceModel
import Testing

struct LambdaOperationTests {
  static let endpoint = Endpoint(url: "https://lambda.us-east-1.amazonaws.com")!

  @Test func listQueryIsEncodedAsBotocoreDoes() {
    let list = LambdaOperation.list(
      functionName: "arn:aws:lambda:us-east-1:123456789012:function:my-fn:PROD",
      eventSourceArn: "arn:aws:sqs:us-east-1:123456789012:q.fifo", marker: "abc/def+=",
      maxItems: 100)
    let request = list.request(to: Self.endpoint)
    #expect(request.method == "GET")
    #expect(request.body.isEmpty)
    #expect(
      request.url
        == "https://lambda.us-east-1.amazonaws.com/2015-03-31/event-source-mappings"
        + "?FunctionName=arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Amy-fn%3APROD"
        + "&EventSourceArn=arn%3Aaws%3Asqs%3Aus-east-1%3A123456789012%3Aq.fifo"
        + "&Marker=abc%2Fdef%2B%3D&MaxItems=100")
  }

  @Test func uuidIsOneEncodedPathSegment() {
    #expect(
      LambdaOperation.get(uuid: "14e0db71-9c2a").path
        == "/2015-03-31/event-source-mappings/14e0db71-9c2a")
    #expect(
      LambdaOperation.update(uuid: "a b/c:d", body: [:]).path
        == "/2015-03-31/event-source-mappings/a%20b%2Fc%3Ad")
    #expect(LambdaOperation.get(uuid: "u").query.isEmpty)
    #expect(!LambdaOperation.get(uuid: "u").isMutating)
  }

  @Test func updateSendsTheBodyAsJSON() {
    let request = LambdaOperation.update(uuid: "u", body: ["Enabled": false, "BatchSize": 5])
      .request(to: Endpoint(url: "http://127.0.0.1:5000/prefix/")!)
    #expect(request.method == "PUT")
    #expect(request.url == "http://127.0.0.1:5000/prefix/2015-03-31/event-source-mappings/u")
    #expect(request.host == "127.0.0.1:5000")
    #expect(request.header("content-type") == "application/json")
    #expect(String(decoding: request.body, as: UTF8.self) == #"{"BatchSize":5,"Enabled":false}"#)
    #expect(LambdaOperation.update(uuid: "u", body: [:]).isMutating)
  }

  @Test func encodesUTF8AsBytes() {
    #expect(PercentEncoding.encode("é~ ") == "%C3%A9~%20")
  }

  @Test(arguments: [
    ("https://lambda.us-east-1.amazonaws.com", "https://lambda.us-east-1.amazonaws.com"),
    ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
    ("https://host:443/", "https://host"),
    ("http://[::1]:9000", "http://[::1]:9000"),
  ])
  func parsesEndpoints(_ text: String, _ printed: String) {
    #expect(Endpoint(url: text)?.description == printed)
  }

  @Test(arguments: ["lambda.amazonaws.com", "ftp://x", "http://", "http://h:0", "http://h:x"])
  func refusesBadEndpoints(_ text: String) {
    #expect(Endpoint(url: text) == nil)
  }
}

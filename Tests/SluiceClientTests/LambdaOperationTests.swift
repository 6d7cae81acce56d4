import SluiceClient
import Testing

struct LambdaOperationTests {
  @Test func listQueryIsEncodedAsBotocoreDoes() {
    let list = LambdaOperation.list(
      functionName: "arn:aws:lambda:us-east-1:123456789012:function:my-fn:PROD",
      eventSourceArn: "arn:aws:sqs:us-east-1:123456789012:q.fifo", marker: "abc/def+=",
      maxItems: 100)
    #expect(list.method == "GET")
    #expect(list.path == "/2015-03-31/event-source-mappings")
    #expect(
      list.query
        == "FunctionName=arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Amy-fn%3APROD"
        + "&EventSourceArn=arn%3Aaws%3Asqs%3Aus-east-1%3A123456789012%3Aq.fifo"
        + "&Marker=abc%2Fdef%2B%3D&MaxItems=100")
  }

  @Test func uuidIsOneEncodedPathSegment() {
    #expect(
      LambdaOperation.get(uuid: "14e0db71-9c2a").path
        == "/2015-03-31/event-source-mappings/14e0db71-9c2a")
    #expect(
      LambdaOperation.update(uuid: "a b/c:d").path
        == "/2015-03-31/event-source-mappings/a%20b%2Fc%3Ad")
    #expect(LambdaOperation.update(uuid: "u").method == "PUT")
    #expect(LambdaOperation.get(uuid: "u").query.isEmpty)
  }

  @Test func encodesUTF8AsBytes() {
    #expect(LambdaOperation.percentEncoded("é~") == "%C3%A9~")
  }
}

import Foundation
import SluiceClient
import Testing

/// The published SigV4 vectors (facts file §6.2) and the Lambda examples (§6.3), byte for byte.
struct SigV4SignerTests {
  static let credentials = Credentials(
    accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
  static let time = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z
  static let suite = SigV4Signer(credentials: credentials, region: "us-east-1", service: "service")
  static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

  static func sha256(_ text: String) -> String {
    SigV4Signer.hexDigest(Array(text.utf8))
  }

  @Test func iamListUsers() {
    let signer = SigV4Signer(credentials: Self.credentials, region: "us-east-1", service: "iam")
    let request = HTTPRequest(
      method: "GET", host: "iam.amazonaws.com", path: "/",
      query: [.init("Action", "ListUsers"), .init("Version", "2010-05-08")],
      headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")])
    let stages = signer.stages(for: request, at: Self.time)
    #expect(
      stages.canonicalRequest == """
        GET
        /
        Action=ListUsers&Version=2010-05-08
        content-type:application/x-www-form-urlencoded; charset=utf-8
        host:iam.amazonaws.com
        x-amz-date:20150830T123600Z

        content-type;host;x-amz-date
        \(Self.emptyHash)
        """)
    #expect(
      stages.stringToSign == """
        AWS4-HMAC-SHA256
        20150830T123600Z
        20150830/us-east-1/iam/aws4_request
        f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59
        """)
    #expect(
      SigV4Signer.hexDigest(stages.signingKey, raw: true)
        == "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9")
    #expect(stages.signature == "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
    let signed = signer.sign(request, at: Self.time)
    #expect(
      signed.header("authorization")
        == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"
    )
    #expect(signed.header("x-amz-date") == "20150830T123600Z")
  }

  @Test func getVanilla() {
    let request = HTTPRequest(method: "GET", host: "example.amazonaws.com", path: "/")
    let stages = Self.suite.stages(for: request, at: Self.time)
    #expect(
      stages.canonicalRequest
        == "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(Self.emptyHash)"
    )
    #expect(
      stages.stringToSign.hasSuffix(
        "\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63"))
    #expect(
      SigV4Signer.hexDigest(stages.signingKey, raw: true)
        == "938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75")
    #expect(stages.signature == "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
  }

  @Test func postVanilla() {
    let request = HTTPRequest(method: "POST", host: "example.amazonaws.com", path: "/")
    let stages = Self.suite.stages(for: request, at: Self.time)
    #expect(
      stages.stringToSign.hasSuffix(
        "\n553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87"))
    #expect(stages.signature == "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")
  }

  @Test func queryOrderAndKeyCase() {
    let request = HTTPRequest(
      method: "GET", host: "example.amazonaws.com", path: "/",
      query: [.init("Param2", "value2"), .init("Param1", "value1")])
    let stages = Self.suite.stages(for: request, at: Self.time)
    #expect(
      stages.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)[2]
        == "Param1=value1&Param2=value2")
    #expect(
      stages.stringToSign.hasSuffix(
        "\n816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0"))
    #expect(stages.signature == "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")
  }

  @Test func sessionTokenIsSigned() {
    let credentials = Credentials(
      accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
      sessionToken: "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267")
    let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "service")
    let request = HTTPRequest(method: "GET", host: "example.amazonaws.com", path: "/")
    let stages = signer.stages(for: request, at: Self.time)
    #expect(stages.signedHeaders == "host;x-amz-date;x-amz-security-token")
    #expect(
      stages.stringToSign.hasSuffix(
        "\n067b36aa60031588cea4a4cde1f21215227a047690c72247f1d70b32fbbfad2b"))
    #expect(stages.signature == "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8")
    #expect(
      signer.sign(request, at: Self.time).header("x-amz-security-token") == credentials.sessionToken
    )
  }

  @Test func formBodyWithContentHash() {
    let body = Array("Param1=value1".utf8)
    let request = HTTPRequest(
      method: "POST", host: "example.amazonaws.com", path: "/",
      headers: [
        ("Content-Type", "application/x-www-form-urlencoded"), ("Content-Length", "13"),
        (
          "X-Amz-Content-SHA256", "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"
        ),
      ], body: body)
    let stages = Self.suite.stages(for: request, at: Self.time)
    #expect(
      stages.signedHeaders == "content-length;content-type;host;x-amz-content-sha256;x-amz-date")
    #expect(
      stages.canonicalRequest.hasSuffix(
        "\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"))
    #expect(
      stages.stringToSign.hasSuffix(
        "\nb1edd1d03544c25390e32085d55b57acc9a3961bb59415ff86c45c3d89d16cfb"))
    #expect(stages.signature == "d3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b")
  }

  static let lambda = SigV4Signer(credentials: credentials, region: "us-east-1", service: "lambda")
  static let endpoint = Endpoint(url: "https://lambda.us-east-1.amazonaws.com")!

  @Test func lambdaUpdate() {
    var request = HTTPRequest(
      method: "PUT", host: "lambda.us-east-1.amazonaws.com",
      path: "/2015-03-31/event-source-mappings/14e0db71-xmpl-4eb5-b481-8945cf9d10c2",
      headers: [("Content-Type", "application/json")],
      body: Array(
        #"{"BatchSize": 50, "MaximumBatchingWindowInSeconds": 1, "FilterCriteria": {"Filters": [{"Pattern": "{\"body\":{\"a\":[\"b\"]}}"}]}}"#
          .utf8))
    #expect(request.body.count == 130)
    #expect(
      SigV4Signer.hexDigest(request.body)
        == "d31a6213678fa890c264e92c07774870827185a298d033b42254aabc9fbf8b3d")
    let stages = Self.lambda.stages(for: request, at: Self.time)
    #expect(
      SigV4Signer.hexDigest(Array(stages.canonicalRequest.utf8))
        == "4b53db79e8ea971381487b5a2d678726c193ce9e3b598f5470e2c8d42954deee")
    #expect(stages.signedHeaders == "content-type;host;x-amz-date")
    #expect(stages.signature == "353d2068c4eb04816758fe72d0f297f291b1d020b8815242a823409dd107169f")
    // A User-Agent is sent but, as with botocore, never signed.
    request.headers.append(("User-Agent", "sluice"))
    #expect(Self.lambda.stages(for: request, at: Self.time).signature == stages.signature)
  }

  @Test func lambdaListWithEncodedQuery() {
    let request = LambdaOperation.list(
      functionName: "arn:aws:lambda:us-east-1:123456789012:function:my-fn:PROD",
      eventSourceArn: "arn:aws:sqs:us-east-1:123456789012:q.fifo", marker: "abc/def+=",
      maxItems: 100
    ).request(to: Self.endpoint)
    let stages = Self.lambda.stages(for: request, at: Self.time)
    #expect(stages.signature == "fb8f4cc421682e238a4923dce3223359fd67fd174b45bd7fbde8a6ea3e5d920d")
  }

  @Test func uuidPathIsEncodedTwiceInTheCanonicalRequest() {
    let request = LambdaOperation.get(uuid: "a b/c:d").request(to: Self.endpoint)
    let stages = Self.lambda.stages(for: request, at: Self.time)
    #expect(
      stages.canonicalRequest.split(separator: "\n")[1]
        == "/2015-03-31/event-source-mappings/a%2520b%252Fc%253Ad")
  }

  @Test func credentialsNeverPrintTheirSecrets() {
    let credentials = Credentials(
      accessKeyId: "AKID", secretAccessKey: "s3cr3t", sessionToken: "t0k3n")
    for text in [credentials.description, "\(credentials)", String(reflecting: credentials)] {
      #expect(!text.contains("s3cr3t") && !text.contains("t0k3n") && text.contains("AKID"))
    }
  }
}

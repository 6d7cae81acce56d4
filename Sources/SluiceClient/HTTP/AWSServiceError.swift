import Foundation

/// An error answer from AWS: its code, message, HTTP status and request id.
///
/// Decoded as botocore does for rest-json: the code from `x-amzn-ErrorType` (the part before the
/// first `:` and after the last `#`), else the body's `code`/`Code`/`__type`, else the status; the
/// message from `message` or `Message`. STS answers in XML (`<Code>`, `<Message>`, `<RequestId>`).
public struct AWSServiceError: Error, Sendable, Equatable, CustomStringConvertible {
  public let code: String
  public let message: String
  public let status: Int
  public let requestId: String?
  /// Seconds the service asked us to wait (`Retry-After`), for throttling.
  public let retryAfter: Double?

  public init(
    code: String, message: String, status: Int, requestId: String? = nil, retryAfter: Double? = nil
  ) {
    self.code = code
    self.message = message
    self.status = status
    self.requestId = requestId
    self.retryAfter = retryAfter
  }

  public init(response: HTTPResponse) {
    let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
    var code = response.header("x-amzn-errortype").map(Self.cleanCode)
    if code?.isEmpty ?? true {
      code = (object?["code"] ?? object?["Code"] ?? object?["__type"]).flatMap { $0 as? String }
        .map(Self.cleanCode)
    }
    let xml = object == nil ? String(decoding: response.body, as: UTF8.self) : ""
    if code?.isEmpty ?? true { code = XMLText.first("Code", in: xml) }
    self.code = code.flatMap { $0.isEmpty ? nil : $0 } ?? "HTTP\(response.status)"
    let text =
      ((object?["message"] ?? object?["Message"]) as? String) ?? XMLText.first("Message", in: xml)
    message =
      text ?? (object == nil ? String(decoding: response.body.prefix(200), as: UTF8.self) : "")
    status = response.status
    requestId = response.header("x-amzn-requestid") ?? XMLText.first("RequestId", in: xml)
    retryAfter = response.header("retry-after").flatMap(Double.init)
  }

  /// The same error with each secret replaced by `[redacted]`: some services quote the canonical
  /// request (session token included) in a signature error, and error text reaches the screen.
  func redacting(_ secrets: [String]) -> AWSServiceError {
    var text = message
    for secret in secrets where secret.count >= 8 {
      text = text.replacingOccurrences(of: secret, with: "[redacted]")
    }
    return AWSServiceError(
      code: code, message: text, status: status, requestId: requestId, retryAfter: retryAfter)
  }

  static func cleanCode(_ raw: String) -> String {
    let beforeColon =
      raw.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
    return String(beforeColon.split(separator: "#").last ?? "")
  }

  public var description: String {
    let id = requestId.map { " (request id \($0))" } ?? ""
    return "\(code): \(message.isEmpty ? "HTTP \(status)" : message)\(id)"
  }
}

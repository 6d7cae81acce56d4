import SluiceModel

/// An update AWS accepted: the mapping as the response describes it, and the request id AWS gave
/// the call, which the audit log keeps so a change can be traced in CloudTrail and support cases.
public struct AcceptedUpdate: Sendable {
  public let mapping: EventSourceMapping
  public let requestId: String?

  public init(mapping: EventSourceMapping, requestId: String?) {
    self.mapping = mapping
    self.requestId = requestId
  }
}

import SluiceModel

/// What the front ends need from a Lambda account: list, read and update mappings, and who we are.
///
/// The real `LambdaClient` and the embedded demo both provide it, so every screen works the same
/// against AWS, against the test peer and with no AWS at all.
public protocol MappingService: Sendable {
  /// Every mapping; `onPage` sees each page as it arrives.
  func listAll(
    functionName: String?, eventSourceArn: String?,
    onPage: @Sendable ([EventSourceMapping]) -> Void
  ) async throws -> [EventSourceMapping]
  func get(_ uuid: String) async throws -> EventSourceMapping
  func update(_ uuid: String, body: [String: JSONValue], settleTimeout: Double) async throws
    -> AcceptedUpdate
  /// Who the credentials belong to; the audit log and the queue journal are keyed by it.
  func callerIdentity() async throws -> CallerIdentity
}

extension LambdaClient: MappingService {}

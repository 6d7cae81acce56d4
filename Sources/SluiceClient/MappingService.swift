import SluiceModel

/// What the TUI needs from a Lambda account: list, read and update mappings.
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
    -> EventSourceMapping
}

extension LambdaClient: MappingService {}

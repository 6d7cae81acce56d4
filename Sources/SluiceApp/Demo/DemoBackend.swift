import Foundation
import SluiceClient
import SluiceModel

/// An in-process Lambda account for `sluice --demo`: realistic mappings over all eight source
/// kinds, state transitions that take a moment, server-side validation, and pages of 100.
///
/// It sits behind the same `MappingService` as the real client, so the demo exercises every code
/// path of the TUI except the network.
public actor DemoBackend: MappingService {
  private var documents: [[String: JSONValue]]
  /// When each mapping's current transition ends, and the state it ends in.
  private var transitions: [String: (ends: Date, settlesTo: String)] = [:]
  private let transitionSeconds: Double
  /// How long each page of a listing takes to "arrive", so the TUI's loading is visible.
  private let pageSeconds: Double
  private let now: @Sendable () -> Date

  public init(
    mappings: Int = 32, transitionSeconds: Double = 1.5, pageSeconds: Double = 0.15,
    now: @escaping @Sendable () -> Date = Date.init
  ) {
    documents = DemoData.mappings(count: mappings, now: now())
    self.transitionSeconds = transitionSeconds
    self.pageSeconds = pageSeconds
    self.now = now
  }

  public func listAll(
    functionName: String?, eventSourceArn: String?,
    onPage: @Sendable ([EventSourceMapping]) -> Void
  ) async throws -> [EventSourceMapping] {
    settle()
    let all = try documents.map(EventSourceMapping.init(document:)).filter { mapping in
      (functionName.map { mapping.functionArn?.hasSuffix(":function:" + $0) ?? false } ?? true)
        && (eventSourceArn.map { mapping.eventSourceArn == $0 } ?? true)
    }
    var listed: [EventSourceMapping] = []
    for start in stride(from: 0, to: all.count, by: 100) {
      try await Task.sleep(nanoseconds: UInt64(pageSeconds * 1e9))
      let page = Array(all[start..<min(start + 100, all.count)])
      listed += page
      onPage(page)
    }
    return listed
  }

  public func get(_ uuid: String) async throws -> EventSourceMapping {
    settle()
    return try EventSourceMapping(document: try document(uuid))
  }

  /// Validates as AWS would (refusing with InvalidParameterValueException), applies the body, and
  /// starts a transition: Disabling or Enabling for `Enabled`, Updating otherwise.
  public func update(_ uuid: String, body: [String: JSONValue], settleTimeout: Double) async throws
    -> AcceptedUpdate
  {
    settle()
    var current = try document(uuid)
    let mapping = try EventSourceMapping(document: current)
    if MappingState(mapping.state).isTransitional {
      throw AWSServiceError(
        code: "ResourceInUseException",
        message: "Cannot update the event source mapping because it is in use.", status: 400)
    }
    let draft = Draft(mapping: mapping, changes: body)
    if let error = Validator.validate(draft).first(where: { $0.severity == .error }) {
      throw AWSServiceError(
        code: "InvalidParameterValueException", message: "\(error.path): \(error.message)",
        status: 400,
        requestId: UUID().uuidString.lowercased())
    }
    var enabled = mapping.isEnabled
    for (member, value) in body {
      if member == "Enabled" {
        enabled = value.boolValue ?? enabled
      } else if member != "FunctionName" {
        current[member] = Draft.isClearing(value) ? nil : value
      }
    }
    let transitional =
      body["Enabled"].map { $0 == .bool(true) ? "Enabling" : "Disabling" } ?? "Updating"
    current["State"] = .string(transitional)
    current["StateTransitionReason"] = "USER_INITIATED"
    current["LastModified"] = .number(now().timeIntervalSince1970)
    transitions[uuid] = (
      now().addingTimeInterval(transitionSeconds), enabled ? "Enabled" : "Disabled"
    )
    try store(current)
    return AcceptedUpdate(
      mapping: try EventSourceMapping(document: current), requestId: UUID().uuidString.lowercased())
  }

  /// A made-up principal in the demo's made-up account.
  public func callerIdentity() async throws -> CallerIdentity {
    CallerIdentity(account: DemoData.account, arn: "arn:aws:iam::\(DemoData.account):user/demo")
  }

  private func document(_ uuid: String) throws -> [String: JSONValue] {
    guard let found = documents.first(where: { $0["UUID"]?.stringValue == uuid }) else {
      throw AWSServiceError(
        code: "ResourceNotFoundException", message: "The resource you requested does not exist.",
        status: 404)
    }
    return found
  }

  private func store(_ document: [String: JSONValue]) throws {
    guard let index = documents.firstIndex(where: { $0["UUID"] == document["UUID"] }) else {
      return
    }
    documents[index] = document
  }

  /// Ends the transitions whose time has come.
  private func settle() {
    let moment = now()
    for (uuid, transition) in transitions where transition.ends <= moment {
      transitions[uuid] = nil
      if var current = try? document(uuid) {
        current["State"] = .string(transition.settlesTo)
        try? store(current)
      }
    }
  }
}

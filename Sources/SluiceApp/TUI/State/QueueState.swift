import SluiceClient
import SluiceModel

/// The queue page: which pending edit is selected.
public struct QueueState: Sendable {
  public internal(set) var selection = 0

  /// Moves the selection among `count` edits; false for actions that are not moves.
  mutating func update(_ action: KeyAction?, count: Int, height: Int) -> Bool {
    let last = max(0, count - 1)
    switch action {
    case .up: selection = max(0, selection - 1)
    case .down: selection = min(last, selection + 1)
    case .pageUp: selection = max(0, selection - height)
    case .pageDown: selection = min(last, selection + height)
    case .first: selection = 0
    case .last: selection = last
    default: return false
    }
    return true
  }

  /// The path an edit is sent to, as the client signs it (the UUID percent-encoded).
  static func requestPath(_ draft: Draft) -> String {
    LambdaOperation.update(uuid: draft.mapping.uuid, body: draft.updateBody).path
  }
}

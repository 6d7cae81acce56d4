import Foundation

/// Events posted by background tasks, collected until the input loop takes them.
///
/// Each event carries the generation of the session that posted it: after a switch to another
/// profile or region, an answer still arriving from the old session is dropped, so the old
/// account's rows can never show under the new name.
final class Inbox: @unchecked Sendable {
  private let lock = NSLock()
  private var events: [(event: AppEvent, generation: Int)] = []

  func post(_ event: AppEvent, generation: Int = 0) {
    lock.withLock { events.append((event, generation)) }
  }

  /// The events of `generation` posted since the last drain; older generations' are dropped.
  func drain(generation: Int = 0) -> [AppEvent] {
    lock.withLock {
      defer { events.removeAll() }
      return events.filter { $0.generation == generation }.map(\.event)
    }
  }
}

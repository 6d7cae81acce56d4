import Foundation

/// Events posted by background tasks, collected until the input loop takes them.
final class Inbox: @unchecked Sendable {
  private let lock = NSLock()
  private var events: [AppEvent] = []

  func post(_ event: AppEvent) { lock.withLock { events.append(event) } }

  func drain() -> [AppEvent] {
    lock.withLock {
      defer { events.removeAll() }
      return events
    }
  }
}

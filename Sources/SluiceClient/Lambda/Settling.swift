import Foundation
import SluiceModel

/// Time as the client's waits see it: the current date and a way to sleep.
///
/// Retries and the settle loop take one, so tests can run them on a clock they move by hand
/// instead of waiting in real time.
public struct WaitClock: Sendable {
  public let now: @Sendable () -> Date
  public let sleep: @Sendable (Double) async throws -> Void

  public init(
    now: @escaping @Sendable () -> Date,
    sleep: @escaping @Sendable (Double) async throws -> Void
  ) {
    self.now = now
    self.sleep = sleep
  }

  /// The real clock.
  public static let system = WaitClock(
    now: Date.init, sleep: { seconds in try await Task.sleep(nanoseconds: UInt64(seconds * 1e9)) })
}

extension MappingService {
  /// Reads the mapping until its state is no longer transitional, pausing 0.5 s at first and
  /// backing off to 5 s; `onState` sees every reading. The one settle loop: the client uses it
  /// before retrying an update of a busy mapping, `--wait` and the TUI to follow a change.
  ///
  /// Throws `ClientError.notSettled` when the mapping is still in transition after `timeout`.
  public func waitUntilSettled(
    _ uuid: String, timeout: Double, clock: WaitClock = .system,
    onState: @Sendable (EventSourceMapping) -> Void = { _ in }
  ) async throws -> EventSourceMapping {
    let deadline = clock.now().addingTimeInterval(timeout)
    var pause = 0.5
    while true {
      let mapping = try await get(uuid)
      onState(mapping)
      guard MappingState(mapping.state).isTransitional else { return mapping }
      guard clock.now() < deadline else {
        throw ClientError.notSettled(uuid: uuid, state: mapping.state ?? "", seconds: timeout)
      }
      try await clock.sleep(pause)
      pause = min(pause * 2, 5)
    }
  }
}

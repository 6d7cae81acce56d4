import Foundation
import SluiceClient

/// Keeps a bulk pause or resume going under throttling: each mapping's change is tried again,
/// at a pace a shared rate limiter sets, for as long as its failures are ones another attempt
/// can fix (throttling, 5xx, a broken connection). A failure is final only when it is not
/// retryable, or when the mapping has been tried for `patience` seconds.
///
/// Whatever retry mode the session has, the pacer slows every mapping of the bulk down together
/// when AWS throttles, so 300 mappings go out at the rate AWS accepts.
public final class BulkPacer: Sendable {
  let limiter: ClientRateLimiter
  let clock: WaitClock
  let patience: Double
  private let policy = RetryPolicy()

  public init(clock: WaitClock = .system, patience: Double = 600) {
    self.clock = clock
    self.patience = patience
    limiter = ClientRateLimiter(clock: clock)
  }

  /// Runs `change` until it succeeds or fails for good.
  func untilDone(_ change: () async throws -> ChangeOutcome) async throws -> ChangeOutcome {
    let deadline = clock.now().addingTimeInterval(patience)
    var round = 1
    while true {
      try Task.checkCancellation()
      try await limiter.acquire()
      do {
        let outcome = try await change()
        limiter.record(throttled: false)
        return outcome
      } catch {
        guard policy.isRetryable(error), clock.now() < deadline else { throw error }
        limiter.record(throttled: policy.isThrottling(error))
        try await clock.sleep(policy.delay(after: min(round, 5), error: error))
        round += 1
      }
    }
  }
}

import Foundation
import SluiceClient
import SluiceModel
import Testing

@testable import SluiceApp

struct BulkPacerTests {
  final class Attempts: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func next() -> Int {
      lock.withLock {
        count += 1; return count
      }
    }
    var total: Int { lock.withLock { count } }
  }

  static func clock() -> (WaitClock, SleptBox) {
    let slept = SleptBox()
    let start = Date(timeIntervalSince1970: 1_796_400_000)
    return (
      WaitClock(now: { start.addingTimeInterval(slept.total) }, sleep: { slept.add($0) }), slept
    )
  }

  /// Throttled five times, the change goes through on the sixth round, after waiting.
  @Test func aRetryableFailureIsTriedAgainUntilItGoesThrough() async throws {
    let (clock, slept) = Self.clock()
    let pacer = BulkPacer(clock: clock)
    let attempts = Attempts()
    let mapping = try EventSourceMapping(document: ["UUID": "u-1", "State": "Disabled"])
    let outcome = try await pacer.untilDone {
      guard attempts.next() > 5 else {
        throw AWSServiceError(
          code: "TooManyRequestsException", message: "Rate exceeded", status: 429)
      }
      return .alreadyHeld(mapping)
    }
    guard case .alreadyHeld = outcome else { throw TimedOutError() }
    #expect(attempts.total == 6 && slept.total > 0)
    #expect(pacer.limiter.sendRate != nil, "throttling turned the pacer's limiter on")
  }

  @Test func aFinalFailureOrTheEndOfPatienceStops() async throws {
    let (clock, _) = Self.clock()
    let attempts = Attempts()
    await #expect(throws: AWSServiceError.self) {
      _ = try await BulkPacer(clock: clock).untilDone {
        _ = attempts.next()
        throw AWSServiceError(code: "InvalidParameterValueException", message: "no", status: 400)
      }
    }
    #expect(attempts.total == 1)
    let (impatient, _) = Self.clock()
    await #expect(throws: AWSServiceError.self) {
      _ = try await BulkPacer(clock: impatient, patience: 30).untilDone {
        throw AWSServiceError(code: "ServiceUnavailable", message: "down", status: 503)
      }
    }
  }
}

struct TimedOutError: Error {}

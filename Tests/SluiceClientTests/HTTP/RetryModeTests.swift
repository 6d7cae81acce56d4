import Foundation
import Testing

@testable import SluiceClient

/// The retry modes: the standard mode's quota, the adaptive limiter on a clock moved by hand,
/// and where the configuration picks them.
struct RetryModeTests {
  @Test func theQuotaPaysForRetriesAndSuccessesRefillIt() {
    let quota = RetryQuota()
    var taken = 0
    while let cost = quota.acquire(after: TransportError.connection("reset")) { taken += cost }
    #expect(taken == 500 && quota.availableCapacity == 0)
    quota.release(nil)
    #expect(quota.availableCapacity == 1)
    quota.release(5)
    #expect(quota.availableCapacity == 6)
    #expect(quota.acquire(after: TransportError.timeout) == nil, "a timeout's retry costs 10")
  }

  /// Once the quota is spent, a transient failure is returned at once, not retried.
  @Test func aSpentQuotaStopsRetrying() async throws {
    let transport = ScriptedTransport(fallback: { _ in HTTPResponse(status: 503) })
    let client = scriptedClient(transport, maxAttempts: 3)
    // 100 requests of 3 attempts: the first 100 retries (2 each for 50 requests) spend 500.
    for _ in 0..<60 { _ = try? await client.get("u-1") }
    #expect(client.retry.quota.availableCapacity < 5)
    let before = transport.requests.count
    _ = try? await client.get("u-1")
    #expect(transport.requests.count - before == 1)
  }

  /// The limiter stays off until throttling, then sends at 70 % of the measured rate, and grows
  /// back on successes.
  @Test func theAdaptiveLimiterSlowsDownOnThrottlingAndRecovers() async throws {
    let clock = ManualClock()
    let limiter = ClientRateLimiter(clock: clock.wait)
    #expect(limiter.sendRate == nil)
    // 20 successes a second for two seconds.
    for _ in 0..<40 {
      try await limiter.acquire()
      limiter.record(throttled: false)
      clock.advance(by: 0.05)
    }
    #expect(limiter.sendRate == nil && clock.slept == 0)
    limiter.record(throttled: true)
    let cut = try #require(limiter.sendRate)
    #expect(cut > 5 && cut < 20, "cut to 70 % of about 20 a second: \(cut)")
    // Taking tokens faster than the rate waits on the clock.
    for _ in 0..<10 { try await limiter.acquire() }
    #expect(clock.slept > 0)
    // Sending as fast as the limiter lets, with every answer a success, the rate climbs back.
    for _ in 0..<200 {
      try await limiter.acquire()
      limiter.record(throttled: false)
    }
    #expect(try #require(limiter.sendRate) > cut)
  }

  @Test func theConfigurationPicksTheModeAndTheAttempts() throws {
    let fixture = try ConfigFixture(config: "[default]\nretry_mode = adaptive\nmax_attempts = 7\n")
    let fromProfile = try RetryPolicy.resolve(
      maxAttempts: nil, profile: "default", environment: fixture.environment())
    #expect(
      fromProfile.mode == .adaptive && fromProfile.maxAttempts == 7 && fromProfile.limiter != nil)
    let fromEnvironment = try RetryPolicy.resolve(
      maxAttempts: nil, profile: "default",
      environment: fixture.environment(["AWS_RETRY_MODE": "legacy", "AWS_MAX_ATTEMPTS": "2"]))
    #expect(fromEnvironment.mode == .standard && fromEnvironment.maxAttempts == 2)
    #expect(
      try RetryPolicy.resolve(
        maxAttempts: 9, profile: "default", environment: fixture.environment()
      ).maxAttempts == 9)
    #expect(throws: RetryPolicy.BadSetting.self) {
      try RetryPolicy.resolve(
        maxAttempts: nil, profile: "default",
        environment: fixture.environment(["AWS_RETRY_MODE": "turbo"]))
    }
    #expect(throws: RetryPolicy.BadSetting.self) {
      try RetryPolicy.resolve(
        maxAttempts: nil, profile: "default",
        environment: fixture.environment(["AWS_MAX_ATTEMPTS": "0"]))
    }
  }
}

/// A clock that moves only when told to, or when something sleeps on it.
final class ManualClock: @unchecked Sendable {
  private let lock = NSLock()
  private var seconds = 1_796_400_000.0
  private var sleptTotal = 0.0
  var slept: Double { lock.withLock { sleptTotal } }
  func advance(by delta: Double) { lock.withLock { seconds += delta } }
  var wait: WaitClock {
    WaitClock(
      now: { [self] in lock.withLock { Date(timeIntervalSince1970: seconds) } },
      sleep: { [self] delta in
        lock.withLock {
          seconds += delta
          sleptTotal += delta
        }
      })
  }
}

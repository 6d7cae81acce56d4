import Foundation

/// The adaptive retry mode's client-side rate limiter, after botocore's: a token bucket every
/// request takes a token from once throttling has been seen, whose rate follows CUBIC, cut to
/// 70 % of the measured send rate on each throttling answer and growing back on successes.
///
/// Bulk pauses pace themselves with one whatever mode is set, so hundreds of mappings during a
/// regional incident go out at the rate AWS accepts instead of as a storm of 429s.
public final class ClientRateLimiter: @unchecked Sendable {
  static let minimumRate = 0.5
  static let maximumRateScale = 2.0
  static let beta = 0.7
  static let scale = 0.4
  static let smoothing = 0.8

  private let lock = NSLock()
  private let clock: WaitClock
  private var enabled = false
  // The token bucket.
  private var fillRate = 0.5
  private var capacity = 0.0
  private var maximumCapacity = 1.0
  private var lastRefill: Double?
  // CUBIC.
  private var lastMaximum = 0.0
  private var zeroPoint = 0.0
  private var lastThrottle: Double
  // The measured send rate, in half-second buckets.
  private var measured = 0.0
  private var lastBucket: Double
  private var countInBucket = 0.0

  public init(clock: WaitClock = .system) {
    self.clock = clock
    let now = clock.now().timeIntervalSince1970
    lastThrottle = now
    lastBucket = (now * 2).rounded(.down) / 2
  }

  /// The rate requests go out at, once throttling has been seen; nil before.
  public var sendRate: Double? { lock.withLock { enabled ? fillRate : nil } }

  /// Waits for a token, when throttling has turned the limiter on. The token is taken at once,
  /// leaving the bucket in debt that later callers wait out in turn; waiting for a refill to
  /// cross exactly 1 could spin forever on a clock's rounding.
  public func acquire() async throws {
    let wait: Double? = lock.withLock {
      guard enabled else { return nil }
      refill()
      capacity -= 1
      return capacity >= 0 ? nil : -capacity / fillRate
    }
    if let wait { try await clock.sleep(wait) }
  }

  /// An answer came back, throttled or not.
  public func record(throttled: Bool) {
    let now = clock.now().timeIntervalSince1970
    lock.withLock {
      measure(at: now)
      let rate: Double
      if throttled {
        let current = enabled ? min(measured, fillRate) : measured
        lastMaximum = current
        zeroPoint = pow(lastMaximum * (1 - Self.beta) / Self.scale, 1.0 / 3)
        lastThrottle = now
        rate = current * Self.beta
        enabled = true
      } else {
        rate = Self.scale * pow(now - lastThrottle - zeroPoint, 3) + lastMaximum
      }
      setRate(min(rate, Self.maximumRateScale * measured))
    }
  }

  private func measure(at now: Double) {
    let bucket = (now * 2).rounded(.down) / 2
    countInBucket += 1
    guard bucket > lastBucket else { return }
    let current = countInBucket / (bucket - lastBucket)
    measured = current * Self.smoothing + measured * (1 - Self.smoothing)
    countInBucket = 0
    lastBucket = bucket
  }

  private func setRate(_ rate: Double) {
    refill()
    fillRate = max(rate, Self.minimumRate)
    maximumCapacity = max(1, rate)
    capacity = min(capacity, maximumCapacity)
  }

  private func refill() {
    let now = clock.now().timeIntervalSince1970
    defer { lastRefill = now }
    guard let lastRefill else { return }
    capacity = min(maximumCapacity, capacity + (now - lastRefill) * fillRate)
  }
}

import Foundation

/// The AWS retry modes: `standard` (a few attempts, exponential backoff with full jitter, only for
/// errors another attempt can fix, and a retry quota shared by the client's requests) and
/// `adaptive` (the same, plus a client-side rate limiter that slows down on throttling).
///
/// Throttling (429 and the throttling codes), server errors (500, 502, 503, 504), the transient
/// timeout codes and network failures are retried; every other 4xx is the caller's mistake and is
/// returned at once. A `Retry-After` from the service is honoured, up to the backoff cap.
public struct RetryPolicy: Sendable {
  /// Total attempts, the first included.
  public var maxAttempts: Int
  /// The most one backoff may last, in seconds.
  public var maxBackoff: Double
  /// Draws a number in [0, 1); injected so tests are repeatable.
  public var random: @Sendable () -> Double
  public let mode: Mode
  /// Shared by every request of the client the policy belongs to.
  public let quota: RetryQuota
  /// Set in adaptive mode.
  public let limiter: ClientRateLimiter?

  /// The retry modes the SDKs share: adaptive is standard plus the client-side rate limiter.
  public enum Mode: String, Sendable {
    case standard, adaptive
  }

  public init(
    maxAttempts: Int = 3, maxBackoff: Double = 20, mode: Mode = .standard,
    clock: WaitClock = .system,
    random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
  ) {
    self.maxAttempts = max(1, maxAttempts)
    self.maxBackoff = maxBackoff
    self.random = random
    self.mode = mode
    quota = RetryQuota()
    limiter = mode == .adaptive ? ClientRateLimiter(clock: clock) : nil
  }

  /// A retry mode or attempt count that cannot be used.
  public struct BadSetting: Error, CustomStringConvertible {
    public let description: String
  }

  /// The policy the configuration asks for: `AWS_RETRY_MODE` or the profile's `retry_mode`
  /// (`standard`, the default, or `adaptive`; `legacy` is taken as `standard`), and
  /// `--max-attempts`, `AWS_MAX_ATTEMPTS` or the profile's `max_attempts` (default 3).
  public static func resolve(
    maxAttempts option: Int?, profile: String, environment: AWSEnvironment
  ) throws -> RetryPolicy {
    let settings = environment.configFile.configProfile(profile)?.values ?? [:]
    let modeText = environment["AWS_RETRY_MODE"] ?? settings["retry_mode"] ?? "standard"
    guard let mode = Mode(rawValue: modeText == "legacy" ? "standard" : modeText) else {
      throw BadSetting(
        description: "retry mode \(modeText) is not one of standard, adaptive, legacy")
    }
    var attempts = option ?? 3
    if option == nil, let text = environment["AWS_MAX_ATTEMPTS"] ?? settings["max_attempts"] {
      guard let number = Int(text), number >= 1 else {
        throw BadSetting(description: "max attempts \(text) is not a whole number of 1 or more")
      }
      attempts = number
    }
    return RetryPolicy(maxAttempts: attempts, mode: mode)
  }

  /// Whether to retry after `attempt` failed this way, and how long to wait first: nil when the
  /// error is final, the attempts are used up, or the retry quota is spent. Takes the quota's
  /// cost, returned through `retried`.
  func retry(after error: Error, attempt: Int, retried: inout Int?) -> Double? {
    limiter?.record(throttled: isThrottling(error))
    guard attempt < maxAttempts, isRetryable(error), let cost = quota.acquire(after: error) else {
      return nil
    }
    retried = cost
    return delay(after: attempt, error: error)
  }

  /// A request succeeded; `retried` is what its retries took from the quota.
  func succeeded(retried: Int?) {
    limiter?.record(throttled: false)
    quota.release(retried)
  }

  /// Throttling in particular, which the adaptive limiter slows down for.
  public func isThrottling(_ error: Error) -> Bool {
    guard let error = error as? AWSServiceError else { return false }
    return error.status == 429 || Self.throttlingCodes.contains(error.code)
  }

  static let throttlingCodes: Set<String> = [
    "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
    "TooManyRequestsException", "ProvisionedThroughputExceededException",
    "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
    "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
    "EC2ThrottledException",
  ]
  static let transientCodes: Set<String> = [
    "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
  ]
  static let transientStatuses: Set<Int> = [500, 502, 503, 504]

  /// Whether an attempt that failed this way is worth repeating.
  public func isRetryable(_ error: Error) -> Bool {
    switch error {
    case let error as TransportError: return error.isTransient
    case let error as AWSServiceError:
      return error.status == 429 || Self.throttlingCodes.contains(error.code)
        || Self.transientCodes.contains(error.code) || Self.transientStatuses.contains(error.status)
    default: return false
    }
  }

  /// Seconds to wait before attempt `attempt + 1` (attempt counts from 1).
  public func delay(after attempt: Int, error: Error) -> Double {
    let ceiling = min(pow(2, Double(attempt - 1)), maxBackoff)
    let jittered = random() * ceiling
    if let asked = (error as? AWSServiceError)?.retryAfter {
      return min(max(asked, jittered), maxBackoff)
    }
    return jittered
  }
}

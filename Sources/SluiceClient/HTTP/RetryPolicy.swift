import Foundation

/// The AWS "standard" retry mode: a few attempts, exponential backoff with full jitter, and only
/// for errors that another attempt can fix.
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

  public init(
    maxAttempts: Int = 3, maxBackoff: Double = 20,
    random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
  ) {
    self.maxAttempts = max(1, maxAttempts)
    self.maxBackoff = maxBackoff
    self.random = random
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

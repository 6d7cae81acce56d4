import Foundation

/// The standard retry mode's retry quota, as botocore keeps it: 500 units shared by every request
/// of a client. A retry takes 5 (10 after a timeout); a success gives back what its retry took, or
/// 1 when it needed none. When the quota is spent, failures are returned at once instead of
/// retried, so an outage does not turn into a retry storm.
public final class RetryQuota: @unchecked Sendable {
  public static let capacity = 500
  static let retryCost = 5
  static let timeoutRetryCost = 10
  static let successIncrement = 1

  private let lock = NSLock()
  private var available = RetryQuota.capacity

  public init() {}

  public var availableCapacity: Int { lock.withLock { available } }

  /// Takes the cost of retrying after `error`; nil when the quota cannot pay it.
  func acquire(after error: Error) -> Int? {
    let cost = (error as? TransportError) == .timeout ? Self.timeoutRetryCost : Self.retryCost
    return lock.withLock {
      guard available >= cost else { return nil }
      available -= cost
      return cost
    }
  }

  /// A request succeeded after retries that took `cost` (nil: it needed none).
  func release(_ cost: Int?) {
    lock.withLock { available = min(Self.capacity, available + (cost ?? Self.successIncrement)) }
  }
}

import Foundation
import SluiceClient

/// Asks for MFA codes in the terminal UI: the request that needs a code waits while the state
/// machine shows a question naming the profile and the device, and goes on with the answer.
///
/// The credential chain resolves once however many requests wait, so at most one question is
/// open at a time. Until the app connects it (before its first frame) it refuses, as a prompt
/// with no terminal does.
public final class DialogMFAPrompt: MFAPrompt, @unchecked Sendable {
  private let lock = NSLock()
  private var post: (@Sendable (AppEvent) -> Void)?
  private var waiting: CheckedContinuation<String?, Never>?

  public init() {}

  /// Where questions go: the app's inbox.
  func connect(_ post: @escaping @Sendable (AppEvent) -> Void) {
    lock.withLock { self.post = post }
  }

  public func code(profile: String, serial: String, refusal: String?) async throws -> String {
    guard let post = lock.withLock({ self.post }) else {
      throw MFAError.noTerminal(profile: profile, serial: serial)
    }
    let answer = await withCheckedContinuation { continuation in
      lock.withLock { waiting = continuation }
      post(.mfaNeeded(profile: profile, serial: serial, refusal: refusal))
    }
    guard let answer else { throw MFAError.noCode(profile: profile) }
    return answer
  }

  /// The operator's answer: a code, or nil when they cancelled.
  func answer(_ code: String?) {
    let continuation = lock.withLock {
      defer { waiting = nil }
      return waiting
    }
    continuation?.resume(returning: code)
  }
}

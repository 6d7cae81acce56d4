import Foundation
import SluiceModel

/// Keeps the TUI's queue on disk: finds the account's journal, holds its claim for the whole
/// run so no other Sluice writes it meanwhile, and saves the queue whenever it changes.
///
/// Used from the input loop's thread only (the lock guards against a test calling from a task).
final class QueueKeeper: @unchecked Sendable {
  private let stateDirectory: StateDirectory
  private let profile: String
  private let region: String
  private let lock = NSLock()
  /// The journal, once the account is known and this process holds its claim.
  private var journal: QueueJournal?
  private var claim: QueueJournal.Claim?
  /// The queue as last saved, so it is written only when it changes.
  private var saved: [Draft] = []

  init(stateDirectory: StateDirectory, profile: String, region: String) {
    self.stateDirectory = stateDirectory
    self.profile = profile
    self.region = region
  }

  /// Claims the account's journal and reads what an earlier run left in it; an unreadable
  /// journal is set aside. The events say what was found.
  func open(account: String) -> [AppEvent] {
    let opened = stateDirectory.journal(profile: profile, region: region, account: account)
    let nothing = AppEvent.journalFound(drafts: [], savedAt: "")
    guard let claim = opened.claim() else {
      let busy = "Another Sluice has this account's queue open: this session's queue is not saved."
      return [.notice(busy, isError: true), nothing]
    }
    lock.withLock {
      self.claim = claim
      journal = opened
    }
    do {
      let earlier = try opened.load()
      return [.journalFound(drafts: earlier?.drafts ?? [], savedAt: earlier?.savedAt ?? "")]
    } catch {
      let place = (try? opened.setAside()) ?? opened.path
      let unreadable = "The saved queue could not be read (\(error)); it is kept in \(place)."
      return [.notice(unreadable, isError: true), nothing]
    }
  }

  /// Moves an earlier run's journal out of the way without restoring it.
  func setAside() -> AppEvent? {
    guard let journal = lock.withLock({ journal }) else { return nil }
    do {
      return .notice("The earlier queue is set aside in \(try journal.setAside()).", isError: false)
    } catch {
      return .notice("\(error)", isError: true)
    }
  }

  /// Lets go of the journal and its claim, when the session moves to another account; the queue
  /// stays saved in it, to be offered again on coming back.
  func release() {
    lock.withLock {
      journal = nil
      claim = nil
      saved = []
    }
  }

  /// Writes the queue when it changed since the last write; an event when that failed.
  func save(_ queue: [Draft]) -> AppEvent? {
    lock.withLock {
      guard let journal, queue != saved else { return nil }
      saved = queue
      do {
        try journal.save(queue)
        return nil
      } catch {
        return .notice("The queue could not be saved: \(error)", isError: true)
      }
    }
  }
}

import SluiceModel
import SluiceTerminal

/// Everything that can happen to the app: keys, a resize, and answers from the backend.
///
/// The state machine takes these one at a time and answers with effects, so every screen can be
/// driven and checked in tests without a terminal or a network.
public enum AppEvent: Sendable {
  case key(Key)
  case resized(rows: Int, columns: Int)
  case page([EventSourceMapping])
  case loaded
  case loadFailed(String)
  case updated(EventSourceMapping)
  case updateFailed(uuid: String, message: String)
  case refreshed(EventSourceMapping)
  /// A queued edit was held back: the fields it sends changed on AWS since it was queued.
  case conflicted(Conflict)
  /// A quiet reload finished: every mapping, replacing the list in one go.
  case reloaded([EventSourceMapping])
  /// A followed mapping was still in transition when the time limit ran out.
  case settleTimedOut(uuid: String, state: String, seconds: Int)
  /// The auto-refresh interval has passed.
  case refreshDue
  /// The text `$EDITOR` left for the focused field, or nil when the editor failed.
  case edited(String?)
  case tick
  /// STS named the account and the caller (nil: it would not say).
  case identified(account: String?, caller: String? = nil)
  /// The journal of this profile, region and account holds edits an earlier run left queued.
  case journalFound(drafts: [Draft], savedAt: String)
  /// AWS already held every value a queued edit sends (an earlier run sent it): nothing was sent.
  case alreadyApplied(EventSourceMapping)
  /// The inverse of the last recorded change to a mapping, ready to queue.
  case undoReady(Draft, madeAt: String, changedSince: [String])
  /// A role's credentials need an MFA code (`refusal`: STS refused the last one, and why).
  case mfaNeeded(profile: String, serial: String, refusal: String?)
  /// Something the runtime has to tell the operator.
  case notice(String, isError: Bool)
}

/// Work the state machine asks the runtime to do; results come back as events.
public enum Effect: Sendable, Equatable {
  /// List every mapping again, page by page.
  case load
  /// Send an UpdateEventSourceMapping body.
  case update(uuid: String, body: [String: JSONValue])
  /// Read the mapping again and send the queued edit only if nothing it touches changed.
  case apply(Draft)
  /// Poll a mapping until its state settles.
  case follow(uuid: String)
  /// List every mapping again without clearing the screen first.
  case reload
  /// Suspend the screen and let `$EDITOR` change this text.
  case openEditor(text: String)
  /// Ask STS which account the credentials belong to.
  case identify
  /// Read the queue journal of this account, and from then on keep it up to date.
  case openJournal(account: String)
  /// Move an earlier run's journal out of the way without restoring it.
  case setJournalAside
  /// Find the last recorded change to a mapping and build its inverse.
  case undo(uuid: String)
  /// Open a session on another profile or region (its own credentials, identity and journal) and
  /// start over there. A nil region is found for the profile as at start.
  case switchContext(profile: String, region: String?)
  /// Hand the operator's MFA code (nil: cancelled) to the request waiting for it.
  case answerMFA(code: String?)
}

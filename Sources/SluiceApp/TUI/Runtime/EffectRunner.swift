import SluiceClient
import SluiceModel

/// Performs the effects the state machine asks for, and posts what comes of them as events.
///
/// The terminal app and the property tests run effects through this one type, so the tests
/// exercise the same paths as the operator: every change through the `ChangeRecorder` (read just
/// before, recorded after), every wait through the one settle loop, the journal through the
/// `QueueKeeper`.
///
/// Unchecked: `editText` may hold the terminal, which is not `Sendable`; it is called only from
/// `start`, on the caller's thread, never from a task.
final class EffectRunner: @unchecked Sendable {
  let service: MappingService
  let recorder: ChangeRecorder
  let journal: QueueKeeper
  /// Where MFA answers go, when the session's roles ask in the TUI.
  let mfa: DialogMFAPrompt?
  let clock: WaitClock
  /// How long a mapping's transition is followed before the operator is told it has not settled.
  let settleLimit: Double
  /// Lets the operator change a text in `$EDITOR`; nil when the editor failed.
  private let editText: (String) -> String?
  /// Opens another profile or region; nil where there is nothing to switch to (the demo, tests).
  private let switchContext: ((String, String?) -> Void)?
  /// Paces pauses and resumes under throttling, all of them together.
  private let pacer: BulkPacer
  /// At most eight changes in flight, however many rows a bulk pause covers.
  private let changes = ConcurrencyLimit(8)

  init(
    recorder: ChangeRecorder, journal: QueueKeeper, mfa: DialogMFAPrompt? = nil,
    clock: WaitClock = .system,
    settleLimit: Double = 90, switchContext: ((String, String?) -> Void)? = nil,
    editText: @escaping (String) -> String?
  ) {
    self.switchContext = switchContext
    pacer = BulkPacer(clock: clock)
    service = recorder.service
    self.recorder = recorder
    self.journal = journal
    self.mfa = mfa
    self.clock = clock
    self.settleLimit = settleLimit
    self.editText = editText
  }

  /// Starts an effect. Those that need the terminal, the journal or the session (the editor, the
  /// journal, an MFA answer, a switch) finish on the caller's thread before this returns; the rest run
  /// as a task, returned so that tests can wait for it.
  @discardableResult
  func start(_ effect: Effect, post: @escaping @Sendable (AppEvent) -> Void) -> Task<Void, Never>? {
    switch effect {
    case .openEditor(let text): post(.edited(editText(text)))
    case .openJournal(let account): journal.open(account: account).forEach(post)
    case .setJournalAside: if let event = journal.setAside() { post(event) }
    case .answerMFA(let code): mfa?.answer(code)
    case .switchContext(let profile, let region): switchContext?(profile, region)
    default: return Task { await self.run(effect, post: post) }
    }
    return nil
  }

  private func run(_ effect: Effect, post: @escaping @Sendable (AppEvent) -> Void) async {
    switch effect {
    case .load: await load(post)
    case .reload: await reload(post)
    case .update(let uuid, let body):
      // Pauses and resumes, one or many, keep going under throttling at the pacer's rate.
      await send(uuid, post) {
        try await self.pacer.untilDone { try await self.recorder.change(uuid, body) }
      }
    case .apply(let draft):
      await send(draft.mapping.uuid, post) { try await self.recorder.apply(draft) }
    case .follow(let uuid): await follow(uuid, post)
    case .identify: await identify(post)
    case .undo(let uuid): await undo(uuid, post)
    case .openEditor, .openJournal, .setJournalAside, .answerMFA, .switchContext: break
    }
  }

  private func load(_ post: @escaping @Sendable (AppEvent) -> Void) async {
    do {
      _ = try await service.listAll(functionName: nil, eventSourceArn: nil) { post(.page($0)) }
      post(.loaded)
    } catch {
      post(.loadFailed(Self.line(error)))
    }
  }

  private func reload(_ post: @Sendable (AppEvent) -> Void) async {
    do {
      post(.reloaded(try await service.listAll(functionName: nil, eventSourceArn: nil) { _ in }))
    } catch {
      post(.loadFailed(Self.line(error)))
    }
  }

  private func send(
    _ uuid: String, _ post: @Sendable (AppEvent) -> Void,
    _ change: @Sendable () async throws -> ChangeOutcome
  ) async {
    do {
      switch try await changes.run(change) {
      case .sent(let accepted): post(.updated(accepted.mapping))
      case .alreadyHeld(let remote): post(.alreadyApplied(remote))
      case .conflicted(let conflict): post(.conflicted(conflict))
      }
    } catch {
      post(.updateFailed(uuid: uuid, message: Self.line(error)))
    }
  }

  private func follow(_ uuid: String, _ post: @escaping @Sendable (AppEvent) -> Void) async {
    do {
      _ = try await service.waitUntilSettled(uuid, timeout: settleLimit, clock: clock) {
        post(.refreshed($0))
      }
    } catch ClientError.notSettled(_, let state, let seconds) {
      post(.settleTimedOut(uuid: uuid, state: state, seconds: Int(seconds)))
    } catch {
      post(.notice("Stopped following \(uuid): \(Self.line(error))", isError: true))
    }
  }

  private func identify(_ post: @Sendable (AppEvent) -> Void) async {
    let answer = await recorder.identity()
    let identity = try? answer.get()
    post(.identified(account: identity?.account, caller: identity?.arn))
    if case .failure(let unknown) = answer {
      post(.notice("Account unknown (\(unknown.reason)).", isError: true))
    }
  }

  private func undo(_ uuid: String, _ post: @Sendable (AppEvent) -> Void) async {
    let log = recorder.log
    do {
      guard let record = try log.lastAccepted(uuid: uuid) else {
        post(.notice("The audit log (\(log.path)) holds no change to \(uuid).", isError: true))
        return
      }
      let current = try await service.get(uuid)
      post(
        .undoReady(
          Undo.draft(reversing: record, on: current), madeAt: record.time,
          changedSince: Undo.changedSince(record, on: current)))
    } catch {
      post(.notice(Self.line(error), isError: true))
    }
  }

  /// An error as one line of untrusted text made safe for the screen.
  static func line(_ error: Error) -> String {
    DisplayText.singleLine(String(describing: error))
  }
}

import Foundation
import SluiceClient
import SluiceModel
import SluiceTerminal

/// Runs the TUI: reads keys on the main thread, runs effects as tasks, and redraws after every
/// event. Network calls never block input: their answers arrive as events between key presses.
public final class TerminalApp {
  private let service: MappingService
  private let recorder: ChangeRecorder
  private let stateDirectory: StateDirectory
  /// The queue journal, once the account is known and this process holds its claim.
  private var journal: QueueJournal?
  /// Held for the whole run, so that no other Sluice writes this account's journal meanwhile.
  private var journalClaim: QueueJournal.Claim?
  /// The queue as last saved, so it is written only when it changes.
  private var savedQueue: [Draft] = []
  private let screen: CursesScreen
  private var state: AppState
  private let inbox = Inbox()
  private let glyphs: Glyphs
  /// How long a mapping's transition is followed before the operator is told it has not settled.
  static let settleLimit: Double = 90

  /// At most eight updates in flight, however many rows a bulk pause covers.
  private let updates = Gate(limit: 8)

  public init(
    service: MappingService, stateDirectory: StateDirectory, context: AppState.Context,
    screen: CursesScreen, ascii: Bool
  ) {
    self.service = service
    let inbox = self.inbox
    recorder = ChangeRecorder(
      service: service, log: stateDirectory.auditLog, profile: context.profile,
      region: context.region
    ) { inbox.post(.notice($0, isError: true)) }
    self.stateDirectory = stateDirectory
    self.screen = screen
    state = AppState(context: context)
    glyphs = ascii || !screen.unicode ? .ascii : .unicode
  }

  /// Runs until the operator quits or a signal asks us to stop; returns the exit status.
  public func run() -> Int32 {
    _ = state.handle(.resized(rows: screen.rows, columns: screen.columns))
    perform(AppState.startup)
    var lastTick = Date()
    var lastRefresh = Date()
    var exitStatus: Int32 = 0
    while !state.wantsToQuit {
      Renderer(glyphs: glyphs, now: Date()).draw(state, on: screen)
      switch screen.read(waitingAtMost: 100) {
      case .key(let key)?:
        if key == .character("q"),
          screen.rows < Renderer.minimumRows || screen.columns < Renderer.minimumColumns
        {
          exitStatus = 0
          state.quitNow()
        } else {
          perform(state.handle(.key(key)))
        }
      case .resize?:
        screen.refreshSize()
        perform(state.handle(.resized(rows: screen.rows, columns: screen.columns)))
      case .signal(let number)?:
        exitStatus = 128 + number
        state.quitNow()
      case nil: break
      }
      for event in inbox.drain() { perform(state.handle(event)) }
      if let interval = state.context.refreshInterval,
        Date().timeIntervalSince(lastRefresh) >= interval
      {
        lastRefresh = Date()
        perform(state.handle(.refreshDue))
      }
      if Date().timeIntervalSince(lastTick) > 0.15 {
        lastTick = Date()
        perform(state.handle(.tick))
      }
      saveQueue()
    }
    saveQueue()
    screen.end()
    return exitStatus
  }

  /// Writes the queue to the journal when it changed since the last write.
  private func saveQueue() {
    guard state.journalOpen, let journal, state.queue != savedQueue else { return }
    savedQueue = state.queue
    do {
      try journal.save(state.queue)
    } catch {
      perform(state.handle(.notice("The queue could not be saved: \(error)", isError: true)))
    }
  }

  private func perform(_ effects: [Effect]) {
    for effect in effects {
      let service = self.service
      let inbox = self.inbox
      switch effect {
      case .load:
        Task {
          do {
            _ = try await service.listAll(functionName: nil, eventSourceArn: nil) {
              inbox.post(.page($0))
            }
            inbox.post(.loaded)
          } catch {
            inbox.post(.loadFailed(DisplayText.singleLine(String(describing: error))))
          }
        }
      case .update(let uuid, let body):
        let gate = updates
        let recorder = self.recorder
        let known = state.mapping(uuid)
        Task {
          await gate.enter()
          defer { Task { await gate.leave() } }
          do {
            let before: EventSourceMapping
            if let known { before = known } else { before = try await service.get(uuid) }
            inbox.post(.updated(try await recorder.send(body, to: before).mapping))
          } catch {
            inbox.post(
              .updateFailed(uuid: uuid, message: DisplayText.singleLine(String(describing: error))))
          }
        }
      case .apply(let draft):
        let gate = updates
        let recorder = self.recorder
        Task {
          await gate.enter()
          defer { Task { await gate.leave() } }
          let uuid = draft.mapping.uuid
          do {
            let remote = try await service.get(uuid)
            switch ApplyCheck(draft: draft, remote: remote) {
            case .conflict(let conflict): inbox.post(.conflicted(conflict))
            case .alreadyApplied: inbox.post(.alreadyApplied(remote))
            case .send(let body):
              inbox.post(.updated(try await recorder.send(body, to: remote).mapping))
            }
          } catch {
            inbox.post(
              .updateFailed(uuid: uuid, message: DisplayText.singleLine(String(describing: error))))
          }
        }
      case .openEditor(let text):
        let edited = screen.suspended { ExternalEditor.edit(text) }
        perform(state.handle(.edited(edited)))
      case .follow(let uuid):
        let limit = Self.settleLimit
        Task {
          let started = Date()
          var pause = 0.5
          var last: String?
          while Date().timeIntervalSince(started) < limit {
            try? await Task.sleep(nanoseconds: UInt64(pause * 1e9))
            guard let mapping = try? await service.get(uuid) else { continue }
            inbox.post(.refreshed(mapping))
            last = mapping.state
            if !MappingState(mapping.state).isTransitional { return }
            pause = min(pause * 1.5, 5)
          }
          inbox.post(
            .settleTimedOut(uuid: uuid, state: last ?? "in transition", seconds: Int(limit)))
        }
      case .identify:
        let recorder = self.recorder
        Task {
          let answer = await recorder.identity()
          inbox.post(.identified(account: try? answer.get().account))
          if case .failure(let unknown) = answer {
            inbox.post(.notice("Account unknown (\(unknown.reason)).", isError: true))
          }
        }
      case .openJournal(let account):
        openJournal(account: account)
      case .setJournalAside:
        guard let journal else { break }
        do {
          let place = try journal.setAside()
          perform(
            state.handle(.notice("The earlier queue is set aside in \(place).", isError: false)))
        } catch {
          perform(state.handle(.notice("\(error)", isError: true)))
        }
      case .undo(let uuid):
        let log = recorder.log
        Task {
          do {
            guard let record = try log.lastAccepted(uuid: uuid) else {
              inbox.post(
                .notice("The audit log (\(log.path)) holds no change to \(uuid).", isError: true))
              return
            }
            let current = try await service.get(uuid)
            inbox.post(
              .undoReady(
                Undo.draft(reversing: record, on: current), madeAt: record.time,
                changedSince: Undo.changedSince(record, on: current)))
          } catch {
            inbox.post(.notice(DisplayText.singleLine(String(describing: error)), isError: true))
          }
        }
      case .reload:
        Task {
          do {
            inbox.post(
              .reloaded(try await service.listAll(functionName: nil, eventSourceArn: nil) { _ in }))
          } catch {
            inbox.post(.loadFailed(DisplayText.singleLine(String(describing: error))))
          }
        }
      }
    }
  }
}

extension TerminalApp {
  /// Reads the account's journal and offers what it holds; an unreadable one is set aside.
  private func openJournal(account: String) {
    let opened = stateDirectory.journal(
      profile: state.context.profile, region: state.context.region, account: account)
    guard let claim = opened.claim() else {
      perform(
        state.handle(
          .notice(
            "Another Sluice has this account's queue open: this session's queue is not saved.",
            isError: true)))
      perform(state.handle(.journalFound(drafts: [], savedAt: "")))
      return
    }
    journalClaim = claim
    journal = opened
    do {
      let saved = try opened.load()
      perform(
        state.handle(.journalFound(drafts: saved?.drafts ?? [], savedAt: saved?.savedAt ?? "")))
    } catch {
      let place = (try? opened.setAside()) ?? opened.path
      perform(
        state.handle(
          .notice(
            "The saved queue could not be read (\(error)); it is kept in \(place).", isError: true))
      )
      perform(state.handle(.journalFound(drafts: [], savedAt: "")))
    }
  }
}

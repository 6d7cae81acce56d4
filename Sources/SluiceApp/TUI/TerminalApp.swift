import Foundation
import SluiceClient
import SluiceModel
import SluiceTerminal

/// Runs the TUI: reads keys on the main thread, runs effects as tasks, and redraws after every
/// event. Network calls never block input: their answers arrive as events between key presses.
public final class TerminalApp {
  private let service: MappingService
  private let screen: CursesScreen
  private var state: AppState
  private let inbox = Inbox()
  private let glyphs: Glyphs
  /// How long a mapping's transition is followed before the operator is told it has not settled.
  static let settleLimit: Double = 90

  /// At most eight updates in flight, however many rows a bulk pause covers.
  private let updates = Gate(limit: 8)

  public init(service: MappingService, context: AppState.Context, screen: CursesScreen, ascii: Bool)
  {
    self.service = service
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
    }
    screen.end()
    return exitStatus
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
        Task {
          await gate.enter()
          defer { Task { await gate.leave() } }
          do {
            inbox.post(.updated(try await service.update(uuid, body: body, settleTimeout: 60)))
          } catch {
            inbox.post(
              .updateFailed(uuid: uuid, message: DisplayText.singleLine(String(describing: error))))
          }
        }
      case .apply(let draft):
        let gate = updates
        Task {
          await gate.enter()
          defer { Task { await gate.leave() } }
          let uuid = draft.mapping.uuid
          do {
            let remote = try await service.get(uuid)
            if let conflict = Conflict(draft: draft, remote: remote) {
              inbox.post(.conflicted(conflict))
              return
            }
            inbox.post(
              .updated(try await service.update(uuid, body: draft.updateBody, settleTimeout: 60)))
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

/// A counting semaphore for tasks: `enter` waits while `limit` holders are inside.
actor Gate {
  private let limit: Int
  private var inside = 0
  private var waiting: [CheckedContinuation<Void, Never>] = []

  init(limit: Int) { self.limit = limit }

  func enter() async {
    guard inside >= limit else {
      inside += 1
      return
    }
    await withCheckedContinuation { waiting.append($0) }
  }

  func leave() {
    if waiting.isEmpty {
      inside -= 1
    } else {
      waiting.removeFirst().resume()
    }
  }
}

/// Events posted by background tasks, collected until the input loop takes them.
final class Inbox: @unchecked Sendable {
  private let lock = NSLock()
  private var events: [AppEvent] = []

  func post(_ event: AppEvent) { lock.withLock { events.append(event) } }

  func drain() -> [AppEvent] {
    lock.withLock {
      defer { events.removeAll() }
      return events
    }
  }
}

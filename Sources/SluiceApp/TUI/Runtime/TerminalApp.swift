import Foundation
import SluiceClient
import SluiceModel
import SluiceTerminal

/// Runs the TUI: reads keys on the main thread, hands effects to the runner, and redraws after
/// every event. Network calls never block input: their answers arrive in the inbox as events
/// between key presses.
public final class TerminalApp {
  private let screen: CursesScreen
  private var state: AppState
  private let inbox = Inbox()
  private let runner: EffectRunner
  private let glyphs: Glyphs

  public init(
    service: MappingService, stateDirectory: StateDirectory, context: AppState.Context,
    screen: CursesScreen, ascii: Bool, mfa: DialogMFAPrompt? = nil
  ) {
    let inbox = self.inbox
    let recorder = ChangeRecorder(
      service: service, log: stateDirectory.auditLog, profile: context.profile,
      region: context.region
    ) { inbox.post(.notice($0, isError: true)) }
    let journal = QueueKeeper(
      stateDirectory: stateDirectory, profile: context.profile, region: context.region)
    // The editor takes the terminal over; the runner calls this between two keys.
    mfa?.connect { inbox.post($0) }
    runner = EffectRunner(recorder: recorder, journal: journal, mfa: mfa) { [screen] text in
      screen.suspended { ExternalEditor.edit(text) }
    }
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

  /// Writes the queue to the journal once an earlier run's queue has been dealt with.
  private func saveQueue() {
    guard state.journalOpen, let failure = runner.journal.save(state.queue) else { return }
    perform(state.handle(failure))
  }

  private func perform(_ effects: [Effect]) {
    let inbox = self.inbox
    for effect in effects { runner.start(effect) { inbox.post($0) } }
  }
}

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
  private var runner: EffectRunner!
  private let glyphs: Glyphs
  private let stateDirectory: StateDirectory
  /// Opens another profile and region for `:profile` and `:region`; nil in the demo.
  private let open: ((String, String?) throws -> OpenedSession)?
  /// Counts switches; events of earlier sessions are dropped.
  private var generation = 0

  public init(
    session: OpenedSession, stateDirectory: StateDirectory, screen: CursesScreen, ascii: Bool,
    open: ((String, String?) throws -> OpenedSession)? = nil
  ) {
    self.screen = screen
    self.stateDirectory = stateDirectory
    self.open = open
    state = AppState(context: session.context)
    glyphs = ascii || !screen.unicode ? .ascii : .unicode
    runner = makeRunner(session)
  }

  /// A runner for one session, posting into the inbox under the current generation.
  private func makeRunner(_ session: OpenedSession) -> EffectRunner {
    let inbox = self.inbox
    let generation = self.generation
    let context = session.context
    let recorder = ChangeRecorder(
      service: session.service, log: stateDirectory.auditLog, profile: context.profile,
      region: context.region
    ) { inbox.post(.notice($0, isError: true), generation: generation) }
    session.mfa?.connect { inbox.post($0, generation: generation) }
    return EffectRunner(
      recorder: recorder,
      journal: QueueKeeper(
        stateDirectory: stateDirectory, profile: context.profile, region: context.region),
      mfa: session.mfa, switchContext: { [unowned self] in self.switchTo($0, $1) }
    ) { [screen] text in
      // The editor takes the terminal over; the runner calls this between two keys.
      screen.suspended { ExternalEditor.edit(text) }
    }
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
      if let status = readInput() { exitStatus = status }
      for event in inbox.drain(generation: generation) { perform(state.handle(event)) }
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

  /// Waits up to 100 ms for a key, a resize or a signal; the exit status a signal asks for.
  private func readInput() -> Int32? {
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
      state.quitNow()
      return 128 + number
    case nil: break
    }
    return nil
  }

  /// Moves the whole session to another profile or region. The old queue stays saved in its
  /// journal (offered again on coming back); answers still arriving from the old session are
  /// dropped; the list loads afresh under the new name.
  private func switchTo(_ profile: String, _ region: String?) {
    guard let open else { return }
    let opened: OpenedSession
    do {
      opened = try open(profile, region)
    } catch {
      let reason = DisplayText.singleLine(String(describing: error))
      perform(state.handle(.notice("Could not switch: \(reason)", isError: true)))
      return
    }
    saveQueue()
    runner.journal.release()
    generation += 1
    runner = makeRunner(opened)
    let history = state.commandHistory
    state = AppState(context: opened.context)
    state.commandHistory = history
    _ = state.handle(.resized(rows: screen.rows, columns: screen.columns))
    perform(AppState.startup)
  }

  /// Writes the queue to the journal once an earlier run's queue has been dealt with.
  private func saveQueue() {
    guard state.journalOpen, let failure = runner.journal.save(state.queue) else { return }
    perform(state.handle(failure))
  }

  private func perform(_ effects: [Effect]) {
    let inbox = self.inbox
    let generation = self.generation
    for effect in effects { runner.start(effect) { inbox.post($0, generation: generation) } }
  }
}

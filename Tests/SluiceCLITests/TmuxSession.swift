import Foundation
import Testing

/// A private tmux server running a shell, driven as a person would: typed keys in, screen text out.
final class TmuxSession: @unchecked Sendable {
  let socket = "sluice-test-\(UUID().uuidString.prefix(8))"

  init(columns: Int, rows: Int, environment: [String: String] = [:]) throws {
    var arguments = ["new-session", "-d", "-x", "\(columns)", "-y", "\(rows)"]
    for (name, value) in environment.sorted(by: { $0.key < $1.key }) {
      arguments += ["-e", "\(name)=\(value)"]
    }
    arguments.append("env PS1='$ ' bash --norc --noprofile")
    // The first command forks the tmux server, which would hold a captured stdout open forever.
    try tmux(arguments, capture: false)
  }

  deinit { _ = try? tmux(["kill-server"]) }

  /// Types a command line into the shell.
  func run(_ command: String) throws {
    try tmux(["send-keys", "-l", command])
    try tmux(["send-keys", "Enter"])
  }

  /// Sends keys by tmux name (`Enter`, `Escape`, `Down`, `C-u`) and returns at once: what they
  /// cause is waited for next, on the screen or wherever it shows.
  func press(_ keys: String...) throws {
    for key in keys { try tmux(["send-keys", key]) }
  }

  /// Sends keys, then waits for `text`, which must not be on the screen before them.
  @discardableResult
  func press(_ keys: String..., until text: String, seconds: Double = 10) throws -> [String] {
    try send(keys, until: "the screen to show \"\(text)\"", seconds: seconds) {
      $0.text.contains(text)
    }
  }

  /// Sends keys, then waits for `text`, which must be on the screen before them, to go.
  @discardableResult
  func press(_ keys: String..., untilGone text: String) throws -> [String] {
    try send(keys, until: "\"\(text)\" to leave the screen") { !$0.text.contains(text) }
  }

  /// Types `text` literally, then waits for `shown`, which must not be on the screen before it.
  @discardableResult
  func type(_ text: String, until shown: String) throws -> [String] {
    try send([text], literally: true, until: "the screen to show \"\(shown)\"") {
      $0.text.contains(shown)
    }
  }

  /// Sends keys (or literal text) and waits until `done` holds of the screen. It must not hold
  /// before: a screen that already shows what the keys should cause proves nothing.
  @discardableResult
  func send(
    _ keys: [String], literally: Bool = false, until awaited: String, seconds: Double = 10,
    _ done: ([String]) -> Bool
  ) throws -> [String] {
    let before = try screen()
    if done(before) {
      throw TestFailure(
        "Waiting for \(awaited) after \(keys) proves nothing: it held before them. The screen:\n"
          + Self.framed(before))
    }
    for key in keys { try tmux(["send-keys"] + (literally ? ["-l"] : []) + [key]) }
    return try waitUntil(awaited, seconds: seconds, done)
  }

  /// Resizes the window and waits until tmux has the new size; what Sluice draws at that size is
  /// waited for next.
  func resize(columns: Int, rows: Int) throws {
    try tmux(["resize-window", "-x", "\(columns)", "-y", "\(rows)"])
    try poll("the pane to be \(columns)x\(rows)") {
      try tmux(["display-message", "-p", "#{pane_width}x#{pane_height}"])
        .trimmingCharacters(in: .whitespacesAndNewlines)
    } until: {
      $0 == "\(columns)x\(rows)"
    }
  }

  /// The screen as text, one string per row.
  func screen() throws -> [String] {
    try tmux(["capture-pane", "-p"]).split(separator: "\n", omittingEmptySubsequences: false).map(
      String.init)
  }

  /// Waits (at most `seconds`) until the screen contains `text`, and fails with the screen if not.
  @discardableResult
  func waitFor(_ text: String, seconds: Double = 10) throws -> [String] {
    try waitUntil("the screen to show \"\(text)\"", seconds: seconds) { $0.text.contains(text) }
  }

  /// Waits (at most `seconds`) until `done` holds of the screen, and fails with the screen if not.
  @discardableResult
  func waitUntil(_ awaited: String, seconds: Double = 10, _ done: ([String]) -> Bool) throws
    -> [String]
  {
    try poll(awaited, seconds: seconds, describe: Self.framed) {
      try screen()
    } until: {
      done($0)
    }
  }

  /// Waits until the program in the pane has exited and the shell has the terminal back.
  func waitForShell() throws {
    try poll(
      "the shell to have the terminal back",
      describe: {
        "\($0) in the foreground; the screen:\n" + Self.framed((try? self.screen()) ?? [])
      }
    ) {
      try tmux(["display-message", "-p", "#{pane_current_command}"])
        .trimmingCharacters(in: .whitespacesAndNewlines)
    } until: {
      $0 == "bash"
    }
  }

  /// The screen with its row numbers, so that blank rows and trailing text show in a message.
  static func framed(_ screen: [String]) -> String {
    // capture-pane ends its last row with a newline too.
    (screen.last == "" ? screen.dropLast() : screen[...]).enumerated().map {
      String(format: "%3d|", $0.offset) + $0.element
    }
    .joined(separator: "\n")
  }

  /// Runs tmux with posix_spawn and waitpid. Foundation's Process waits for a pipe that the tmux
  /// server, forked by the first command, inherits and never closes; waitpid does not care.
  @discardableResult
  private func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
    let argv = ["tmux", "-L", socket] + arguments
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { throw SpawnError(what: "pipe") }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    if capture {
      posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
    } else {
      posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    }
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addclose(&actions, fds[0])
    posix_spawn_file_actions_addclose(&actions, fds[1])
    // The test runner blocks signals and children inherit the mask; the tmux server (and so the
    // shell and Sluice under it) must get SIGWINCH and SIGTERM as a real terminal would.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let cArguments = argv.map { strdup($0) } + [nil]
    defer { cArguments.forEach { free($0) } }
    let status = posix_spawnp(&pid, "tmux", &actions, &attributes, cArguments, environ)
    close(fds[1])
    guard status == 0 else {
      close(fds[0])
      throw SpawnError(what: "tmux")
    }
    var output = Data()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while capture {
      let count = read(fds[0], &buffer, buffer.count)
      if count <= 0 { break }
      output.append(contentsOf: buffer[0..<count])
    }
    close(fds[0])
    var exitStatus: Int32 = 0
    waitpid(pid, &exitStatus, 0)
    return String(decoding: output, as: UTF8.self)
  }
}

struct SpawnError: Error {
  let what: String
}

/// A step that failed: a wait that ran out, or one that could prove nothing. Swift Testing
/// reports a thrown error as a failure, with this description.
struct TestFailure: Error, CustomStringConvertible {
  let description: String

  init(_ description: String) { self.description = description }
}

/// Reads `probe` every 50 ms until `done` holds of what it returned, for at most `seconds`; then
/// throws, naming what was awaited and what was read last. Returns the value that satisfied it.
@discardableResult
func poll<Value>(
  _ awaited: String, seconds: Double = 10, describe: (Value) -> String = { "\($0)" },
  _ probe: () throws -> Value, until done: (Value) -> Bool
) throws -> Value {
  let deadline = Date().addingTimeInterval(seconds)
  var value = try probe()
  while !done(value) {
    guard Date() < deadline else {
      throw TestFailure(
        "Timed out after \(seconds) s waiting for \(awaited). Last seen:\n\(describe(value))")
    }
    usleep(50_000)
    value = try probe()
  }
  return value
}

extension TmuxSession {
  /// The line editor's cursor in a UTF-8 terminal.
  static let cursor = "▌"

  /// Runs the real binary with these arguments and waits for the list to show `ready`.
  func startSluice(_ arguments: String, ready: String = "32 of 32") throws {
    try run("\(Sluice.binary.path) \(arguments)")
    try waitFor(ready)
  }

  /// From the list: filters to `filter` and, once the list shows a match, opens the first row.
  @discardableResult
  func open(_ filter: String, kind: String) throws -> [String] {
    try press("/")
    try send([filter], literally: true, until: "the list filtered to \"\(filter)\"") {
      $0.count > 1 && $0[1].hasPrefix(" / \(filter)") && !$0[1].contains(" 0 of ")
    }
    return try press("Enter", "Enter", until: "Fields for \(kind)")
  }

  /// In a form: jumps to the first field named like `field`.
  func jump(to field: String) throws {
    try press("/")
    try type(field, until: "/ \(field)\(Self.cursor)")
    try send(["Enter"], until: "the focus on \(field)") {
      $0.contains { Self.isFocused($0, field) && !$0.contains(Self.cursor) }
    }
  }

  /// In a form: opens the focused field's editor, clears it and types `value` (not yet accepted).
  @discardableResult
  func retype(_ value: String, in field: String) throws -> [String] {
    try press("Enter", "C-u")
    return try send([value], literally: true, until: "the editor of \(field) to hold \(value)") {
      $0.contains { Self.isFocused($0, field) && $0.contains(" \(value)\(Self.cursor)") }
    }
  }

  /// In a form: jumps to `field`, clears it and types `value` (not yet accepted).
  @discardableResult
  func setField(_ field: String, to value: String) throws -> [String] {
    try jump(to: field)
    return try retype(value, in: field)
  }

  /// From the list: filters to `filter`, opens the first row, jumps to `field`, clears it and types
  /// `value` (not yet accepted). Returns the screen.
  @discardableResult
  func edit(_ field: String, of filter: String, to value: String, kind: String) throws -> [String] {
    try open(filter, kind: kind)
    return try setField(field, to: value)
  }

  /// A form row with the focus pointer on a field named like `field` (in the label, not in the
  /// help beside it).
  static func isFocused(_ line: String, _ field: String) -> Bool {
    line.hasPrefix(" ▸ ") && line.prefix(36).lowercased().contains(field.lowercased())
  }
}

extension [String] {
  var text: String { joined(separator: "\n") }
}

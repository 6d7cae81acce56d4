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

  deinit { try? tmux(["kill-server"]) }

  /// Types a command line into the shell.
  func run(_ command: String) throws {
    try tmux(["send-keys", "-l", command])
    try tmux(["send-keys", "Enter"])
  }

  /// Sends keys by tmux name (`Enter`, `Escape`, `Down`, `C-u`) or as literal text.
  func press(_ keys: String...) throws {
    for key in keys { try tmux(["send-keys", key]) }
    usleep(120_000)
  }

  func type(_ text: String) throws {
    try tmux(["send-keys", "-l", text])
    usleep(120_000)
  }

  func resize(columns: Int, rows: Int) throws {
    try tmux(["resize-window", "-x", "\(columns)", "-y", "\(rows)"])
    usleep(300_000)
  }

  /// The screen as text, one string per row.
  func screen() throws -> [String] {
    try tmux(["capture-pane", "-p"]).split(separator: "\n", omittingEmptySubsequences: false).map(
      String.init)
  }

  /// Waits (at most `seconds`) until the screen contains `text`; returns the screen either way.
  @discardableResult
  func waitFor(_ text: String, seconds: Double = 10) throws -> [String] {
    let deadline = Date().addingTimeInterval(seconds)
    var lines = try screen()
    while !lines.joined(separator: "\n").contains(text), Date() < deadline {
      usleep(100_000)
      lines = try screen()
    }
    return lines
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

extension TmuxSession {
  /// Runs the real binary with these arguments and waits for the list to show `ready`.
  func startSluice(_ arguments: String, ready: String = "32 of 32") throws {
    try run("\(Sluice.binary.path) \(arguments)")
    try waitFor(ready)
  }

  /// From the list: filters to `filter`, opens the first row, jumps to `field`, clears it and types
  /// `value` (not yet accepted). Returns the screen.
  @discardableResult
  func edit(_ field: String, of filter: String, to value: String, kind: String) throws -> [String] {
    try press("/")
    try type(filter)
    try press("Enter", "Enter")
    try waitFor("Fields for \(kind)")
    try press("/")
    try type(field)
    try press("Enter", "Enter", "C-u")
    try type(value)
    return try screen()
  }
}

extension [String] {
  var text: String { joined(separator: "\n") }
}

import Foundation
import SluiceClient
import SluiceModel

/// Asks for an MFA code on the controlling terminal (`/dev/tty`), with echo off, as the AWS CLI
/// does; with no terminal it refuses at once, so a script never hangs on it.
///
/// The terminal UI asks through it before its screen starts, then calls `stopAsking`: a refresh that
/// needs a new code later says that the role session has ended instead of writing over the
/// screen.
final class TerminalMFAPrompt: MFAPrompt, @unchecked Sendable {
  private let lock = NSLock()
  private var closed = false

  func stopAsking() { lock.withLock { closed = true } }

  func code(profile: String, serial: String) async throws -> String {
    guard !lock.withLock({ closed }) else { throw MFAError.sessionEnded(profile: profile) }
    let tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
    guard tty >= 0 else { throw MFAError.noTerminal(profile: profile, serial: serial) }
    defer { close(tty) }
    let question =
      "Enter MFA code for \(DisplayText.sanitized(serial)) (profile \(DisplayText.sanitized(profile))): "
    _ = question.withCString { write(tty, $0, strlen($0)) }
    var saved = termios()
    let canHideEcho = tcgetattr(tty, &saved) == 0
    if canHideEcho {
      var quiet = saved
      quiet.c_lflag &= ~tcflag_t(ECHO)
      tcsetattr(tty, TCSAFLUSH, &quiet)
    }
    defer {
      if canHideEcho { tcsetattr(tty, TCSAFLUSH, &saved) }
      _ = write(tty, "\n", 1)
    }
    var line: [UInt8] = []
    var byte: UInt8 = 0
    while read(tty, &byte, 1) == 1, byte != UInt8(ascii: "\n"), line.count < 64 {
      line.append(byte)
    }
    return String(decoding: line, as: UTF8.self)
  }
}

import Foundation
import SluiceClient
import SluiceModel

/// Asks for an MFA code on the controlling terminal (`/dev/tty`), with echo off, as the AWS CLI
/// does; with no terminal it refuses at once, so a script never hangs on it. (The terminal UI
/// asks in a question on its screen instead: `DialogMFAPrompt`.)
struct TerminalMFAPrompt: MFAPrompt {
  func code(profile: String, serial: String, refusal: String?) async throws -> String {
    let tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
    guard tty >= 0 else { throw MFAError.noTerminal(profile: profile, serial: serial) }
    defer { close(tty) }
    let refused = refusal.map { "STS refused the code: \(DisplayText.singleLine($0))\n" } ?? ""
    let question =
      refused
      + "Enter MFA code for \(DisplayText.sanitized(serial)) (profile \(DisplayText.sanitized(profile))): "
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

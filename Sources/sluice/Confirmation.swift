import ArgumentParser
import Foundation
import SluiceTerminal

/// Asks a yes/no question on the terminal before a change; the safe answer is the default.
///
/// With `--yes` the question is skipped. Without a terminal to ask on, nothing is assumed: the
/// command stops with exit status 2 and says how to go ahead.
func confirmed(_ question: String, yes: Bool) throws -> Bool {
  guard !yes else { return true }
  guard isatty(0) == 1 else {
    complain(
      "sluice: \(DisplayText.sanitized(question)) Not asked: standard input is not a terminal; add --yes to go ahead."
    )
    throw ExitCode(2)
  }
  print("\(DisplayText.sanitized(question)) [y/N] ", terminator: "")
  let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
  guard answer == "y" || answer == "yes" else {
    print("Nothing was sent.")
    return false
  }
  return true
}

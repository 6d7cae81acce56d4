import ArgumentParser
import Foundation
import SluiceApp
import SluiceModel

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

/// Prints what came of a change sent by `update` or `undo`; true when it went through or was not
/// needed.
func printOutcome(_ outcome: ChangeOutcome, verb: String) -> Bool {
  switch outcome {
  case .sent(let accepted):
    print("\n\(verb) \(accepted.mapping.uuid): \(ToggleOptions.describe(accepted.mapping))")
    return true
  case .alreadyHeld(let mapping):
    print("\n\(mapping.uuid) already holds these values on AWS: nothing was sent.")
    return true
  case .conflicted(let conflict):
    let members = conflict.fields.map(\.member).joined(separator: ", ")
    complain(
      "sluice: \(conflict.remote.uuid): \(members) changed on AWS while this ran; nothing was sent. Run the command again to start from the new values."
    )
    return false
  }
}

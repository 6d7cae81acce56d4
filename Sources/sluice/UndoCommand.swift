import ArgumentParser
import Foundation
import SluiceApp
import SluiceModel
import SluiceTerminal

/// `sluice undo UUID`: the inverse of the last change Sluice made to a mapping, shown as a diff
/// and validated, then sent after a y (or `--yes`).
struct UndoCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "undo",
    abstract: "Put back the values the last recorded change to a mapping replaced.",
    discussion: """
      The change comes from the audit log (sluice log). The inverse is built on the mapping as AWS
      has it now, checked like any edit, and shown as a diff before anything is sent.
      """)

  @OptionGroup var aws: AWSOptions

  @Argument(help: "The mapping's UUID.")
  var uuid: String

  @Flag(help: "Do not ask before sending.")
  var yes = false

  @Flag(help: "Show the diff, but send nothing.")
  var dryRun = false

  func run() async throws {
    let log = StateDirectory(environment: .process).auditLog
    guard let record = try log.lastAccepted(uuid: uuid) else {
      complain("sluice: the audit log (\(log.path)) holds no accepted change to \(uuid).")
      throw ExitCode(1)
    }
    let rejected = try await withSession(aws, readOnly: dryRun) { session -> Bool in
      let current = try await session.client.get(uuid)
      let draft = Undo.draft(reversing: record, on: current)
      print("Undoing the change of \(record.time) by \(DisplayText.sanitized(record.caller)):")
      let report = ValidationReport(draft: draft)
      print(report.text)
      let since = Undo.changedSince(record, on: current)
      if !since.isEmpty {
        print(
          "\nChanged again since then: \(since.joined(separator: ", ")); undoing overwrites that.")
      }
      if report.exitCode != 0 || dryRun || draft.updateBody.isEmpty {
        if dryRun && report.exitCode == 0 { print("\nDry run: nothing was sent.") }
        return report.exitCode != 0
      }
      let name = MappingSummary.functionName(current)
      guard try confirmed("Send this undo to \(name)?", yes: yes) else { return false }
      let updated = try await session.recorder.send(draft.updateBody, to: current)
      print("\nUndone on \(uuid): \(ToggleOptions.describe(updated.mapping))")
      return false
    }
    if rejected { throw ExitCode(1) }
  }
}

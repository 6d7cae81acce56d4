import ArgumentParser
import Foundation
import SluiceApp
import SluiceModel

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

  @Flag(
    help:
      "Put the undo in the terminal UI's queue for this profile, region and account instead of sending it; the next `sluice` offers it for review."
  )
  var queue = false

  func validate() throws {
    if queue && (yes || dryRun) {
      throw ValidationError("--queue sends nothing: leave out --yes and --dry-run.")
    }
  }

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
      if queue && report.exitCode == 0 && !draft.updateBody.isEmpty {
        try await enqueue(draft, session)
        return false
      }
      if report.exitCode != 0 || dryRun || draft.updateBody.isEmpty {
        if dryRun && report.exitCode == 0 { print("\nDry run: nothing was sent.") }
        return report.exitCode != 0
      }
      let name = MappingSummary.functionName(current)
      guard try confirmed("Send this undo to \(name)?", yes: yes) else { return false }
      return !printOutcome(try await session.recorder.apply(draft), verb: "Undone on")
    }
    if rejected { throw ExitCode(1) }
  }

  /// Adds the undo to the account's queue journal, unless a TUI holds it or already queues an
  /// edit to this mapping.
  private func enqueue(_ draft: Draft, _ session: Session) async throws {
    let account = (try? await session.recorder.identity().get().account) ?? "unknown"
    let journal = session.stateDirectory.journal(
      profile: session.profile, region: session.region, account: account)
    guard let claim = journal.claim() else {
      complain("sluice: a sluice terminal UI has this account's queue open; press u there instead.")
      throw ExitCode(1)
    }
    var drafts = try journal.load()?.drafts ?? []
    guard !drafts.contains(where: { $0.mapping.uuid == uuid }) else {
      complain("sluice: an edit to \(uuid) is already queued; apply or drop it in sluice first.")
      throw ExitCode(1)
    }
    drafts.append(draft)
    try journal.save(drafts)
    withExtendedLifetime(claim) {}
    print(
      "\nQueued in \(journal.path). The next `sluice` for profile \(session.profile) in \(session.region) offers it for review."
    )
  }
}

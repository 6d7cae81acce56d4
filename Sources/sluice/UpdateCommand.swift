import ArgumentParser
import SluiceApp
import SluiceModel

/// `sluice update UUID --set Field=Value ...`: validated, diffed, then sent (unless --dry-run).
struct Update: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "update",
    abstract: "Change fields of a mapping, checked by the validator before anything is sent.",
    discussion: """
      Values take the field's type: --set BatchSize=50, --set Enabled=false,
      --set 'FilterCriteria.Filters[].Pattern={"body":{"kind":["A"]}}'. Field= clears a field.
      """)

  @OptionGroup var aws: AWSOptions

  @Argument(help: "The mapping's UUID.")
  var uuid: String

  @Option(name: .customLong("set"), help: "Field=Value; repeat for several fields.")
  var assignments: [String] = []

  @Flag(help: "Validate and show the diff, but send nothing.")
  var dryRun = false

  func validate() throws {
    guard !assignments.isEmpty else {
      throw ValidationError("Give at least one --set Field=Value.")
    }
    for text in assignments {
      do {
        _ = try Assignment(parsing: text)
      } catch {
        throw ValidationError(String(describing: error))
      }
    }
  }

  func run() async throws {
    let changes = try assignments.map { try Assignment(parsing: $0) }
    let rejected = try await withSession(aws, readOnly: dryRun) { session -> Bool in
      let before = try await session.client.get(uuid)
      var draft = Draft(mapping: before)
      for change in changes { draft.set(change.path, to: change.value) }
      let report = ValidationReport(draft: draft)
      print(report.text)
      if report.exitCode != 0 || dryRun || draft.updateBody.isEmpty {
        if dryRun && report.exitCode == 0 { print("\nDry run: nothing was sent.") }
        return report.exitCode != 0
      }
      return !printOutcome(try await session.recorder.apply(draft), verb: "Updated")
    }
    if rejected { throw ExitCode(1) }
  }
}

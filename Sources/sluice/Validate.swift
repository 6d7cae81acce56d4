import ArgumentParser
import Foundation
import SluiceApp
import SluiceModel

/// `sluice validate`: check a proposed update against a mapping without sending anything.
struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check an update body against a mapping; print the findings and the diff.",
    discussion: """
      Reads a mapping as GetEventSourceMapping returns it and a proposed UpdateEventSourceMapping
      body. Nothing is sent. Exits 0 when nothing blocks the update, 1 when an error does, and 2
      when a file cannot be read or is not the expected JSON.
      """)

  @Option(name: .long, help: "The mapping, as JSON from GetEventSourceMapping.")
  var mapping: String

  @Option(name: .long, help: "The proposed UpdateEventSourceMapping body, as JSON.")
  var update: String

  @Flag(name: .long, help: "Print the report as JSON.")
  var json = false

  func run() throws {
    let report: ValidationReport
    do {
      let loaded = try InputFiles.mapping(at: mapping)
      let body = try InputFiles.update(at: update, for: loaded)
      report = ValidationReport(draft: Draft(mapping: loaded, changes: body))
    } catch {
      FileHandle.standardError.write(Data("sluice validate: \(error)\n".utf8))
      throw ExitCode(2)
    }
    print(json ? report.json.prettyText : report.text)
    if report.exitCode != 0 { throw ExitCode(report.exitCode) }
  }
}

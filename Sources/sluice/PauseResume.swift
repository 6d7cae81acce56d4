import ArgumentParser
import SluiceApp
import SluiceModel
import SluiceTerminal

/// `sluice pause UUID...`: stop mappings from polling; records wait in the source.
struct Pause: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Pause mappings (Enabled=false); records wait in the source.")

  @OptionGroup var toggle: ToggleOptions

  func run() async throws { try await toggle.run(enabled: false) }
}

/// `sluice resume UUID...`: start paused mappings again, from where they stopped.
struct Resume: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Resume mappings (Enabled=true) from where they stopped.")

  @OptionGroup var toggle: ToggleOptions

  func run() async throws { try await toggle.run(enabled: true) }
}

struct ToggleOptions: ParsableArguments {
  @OptionGroup var aws: AWSOptions

  @Argument(help: "The UUIDs of the mappings.")
  var uuids: [String]

  @Flag(help: "Follow State until each mapping has settled.")
  var wait = false

  @Option(help: "With --wait: give up after this many seconds.")
  var timeout: Double = 120

  func validate() throws {
    guard !uuids.isEmpty else { throw ValidationError("Name at least one mapping UUID.") }
  }

  func run(enabled: Bool) async throws {
    let verb = enabled ? "resumed" : "paused"
    let failures = try await withSession(aws) { session in
      let results = await session.client.updateMany(
        uuids.map { ($0, ["Enabled": .bool(enabled)]) }
      ) { result in
        switch result.result {
        case .success(let mapping):
          print("\(verb) \(result.uuid): \(Self.describe(mapping))")
        case .failure(let error):
          complain("sluice: \(result.uuid): \(DisplayText.singleLine(String(describing: error)))")
        }
      }
      var failures = results.filter { if case .failure = $0.result { true } else { false } }.count
      if wait {
        for case (let uuid, .success) in results.map({ ($0.uuid, $0.result) }) {
          do {
            let settled = try await session.client.waitUntilSettled(uuid, timeout: timeout)
            print("\(uuid): \(settled.state ?? "?")")
          } catch {
            complain("sluice: \(uuid): \(DisplayText.singleLine(String(describing: error)))")
            failures += 1
          }
        }
      }
      return failures
    }
    if failures > 0 { throw ExitCode(1) }
  }

  static func describe(_ mapping: EventSourceMapping) -> String {
    DisplayText.sanitized(
      "\(MappingSummary.functionName(mapping)) <- \(MappingSummary.kindName(mapping)) "
        + "\(MappingSummary.sourceName(mapping)) (State: \(mapping.state ?? "?"))")
  }
}

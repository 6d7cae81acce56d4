import ArgumentParser
import Foundation
import SluiceApp
import SluiceModel

/// `sluice pause UUID...`: stop mappings from polling; records wait in the source.
struct Pause: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pause",
    abstract: "Pause mappings (Enabled=false); records wait in the source.")

  @OptionGroup var toggle: ToggleOptions

  func run() async throws { try await toggle.run(enabled: false) }
}

/// `sluice resume UUID...`: start paused mappings again, from where they stopped.
struct Resume: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "resume",
    abstract: "Resume mappings (Enabled=true) from where they stopped.")

  @OptionGroup var toggle: ToggleOptions

  func run() async throws { try await toggle.run(enabled: true) }
}

struct ToggleOptions: ParsableArguments {
  @OptionGroup var aws: AWSOptions

  @Argument(help: "The UUIDs of the mappings.")
  var uuids: [String] = []

  @Option(help: "Every mapping of this function (name or ARN).")
  var function: String?

  @Option(help: "Every mapping of this source ARN.")
  var source: String?

  @Option(help: "Every mapping whose function, source, UUID, state or kind contains this text.")
  var allMatching: String?

  @Flag(
    help: "Do not ask before changing mappings chosen by --function, --source or --all-matching.")
  var yes = false

  @Option(help: "Requests in flight at once.")
  var concurrency = 8

  @Flag(help: "Follow State until each mapping has settled.")
  var wait = false

  @Option(help: "With --wait: give up after this many seconds.")
  var timeout: Double = 120

  var bySelection: Bool { function != nil || source != nil || allMatching != nil }

  func validate() throws {
    guard uuids.isEmpty != !bySelection else {
      throw ValidationError(
        "Name mapping UUIDs, or choose mappings with --function, --source or --all-matching (not both)."
      )
    }
    guard (1...64).contains(concurrency) else {
      throw ValidationError("--concurrency takes 1 to 64.")
    }
  }

  func run(enabled: Bool) async throws {
    let verb = enabled ? "resumed" : "paused"
    let failures = try await withSession(aws) { session in
      guard !session.readOnly else {
        complain(
          "sluice: read-only mode (--read-only or read_only in \(SluiceConfig.path(in: .process))): nothing was sent."
        )
        return -1
      }
      guard let chosen = try await chooseTargets(session, enabled: enabled) else { return -1 }
      let started = Date()
      let results = await session.recorder.sendMany(
        ["Enabled": .bool(enabled)], to: chosen, concurrency: concurrency
      ) { outcome in
        switch outcome.result {
        case .success(.sent(let accepted)):
          print("\(verb) \(outcome.uuid): \(Self.describe(accepted.mapping))")
        case .success(.alreadyHeld(let mapping)):
          print(
            "already \(enabled ? "enabled" : "paused") \(outcome.uuid): \(Self.describe(mapping))")
        case .success(.conflicted), .failure:
          complain("sluice: \(outcome.uuid): \(Self.failure(outcome) ?? "")")
        }
      }
      let targets = chosen
      let succeeded = results.filter { Self.failure($0) == nil }
      var failures = targets.count - succeeded.count
      if targets.count > 1 {
        let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
        print(
          "\(verb) \(targets.count - failures) of \(targets.count) mappings in \(seconds) s\(failures > 0 ? "; \(failures) failed (above)" : "")"
        )
      }
      if wait {
        for uuid in succeeded.map(\.uuid) {
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
    if failures != 0 { throw ExitCode(1) }
  }

  /// The UUIDs to change: as named, or chosen by the filters and confirmed. Mappings already in
  /// the wanted state are left alone. nil when the operator declined.
  private func chooseTargets(_ session: Session, enabled: Bool) async throws -> [String]? {
    guard bySelection else { return uuids }
    let listed = try await session.client.listAll(functionName: function, eventSourceArn: source)
    let matching = listed.filter { MappingFilter.matches($0, allMatching ?? "") }
    let targets = matching.filter { $0.isEnabled != enabled }
    let already = matching.count - targets.count
    if already > 0 {
      print(
        "\(already) matching mapping\(already == 1 ? " is" : "s are") already \(enabled ? "enabled" : "paused")."
      )
    }
    guard !targets.isEmpty else {
      print("Nothing to \(enabled ? "resume" : "pause").")
      return []
    }
    let chosen = targets.map(\.uuid)
    let question = "\(enabled ? "Resume" : "Pause") \(MappingFilter.describe(targets))?"
    return try confirmed(question, yes: yes) ? chosen : nil
  }

  /// Why a mapping's change did not go through, or nil when it did (or was not needed).
  static func failure(_ outcome: ChangeRecorder.Outcome) -> String? {
    switch outcome.result {
    case .success(.sent), .success(.alreadyHeld): nil
    case .success(.conflicted(let conflict)):
      "changed on AWS meanwhile: " + conflict.fields.map(\.member).joined(separator: ", ")
    case .failure(let error): DisplayText.singleLine(String(describing: error))
    }
  }

  static func describe(_ mapping: EventSourceMapping) -> String {
    DisplayText.sanitized(
      "\(MappingSummary.functionName(mapping)) <- \(MappingSummary.kindName(mapping)) "
        + "\(MappingSummary.sourceName(mapping)) (State: \(mapping.state ?? "?"))")
  }
}

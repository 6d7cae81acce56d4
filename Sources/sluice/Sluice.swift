import ArgumentParser

/// The `sluice` command: the TUI and the scriptable subcommands share the model and client below.
@main
struct Sluice: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Inspect, pause, resume and tune AWS Lambda event source mappings.",
    subcommands: [Validate.self])
}

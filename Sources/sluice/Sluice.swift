import ArgumentParser
import Foundation

/// The `sluice` command: the TUI and the scriptable subcommands share the model and client below.
///
/// Exit codes: 0 success, 1 a rejected change or an AWS error, 2 a usage error. Every command
/// names itself: deriving names from type names costs each short command a noticeable start-up.
@main
struct Sluice: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sluice",
    abstract: "Inspect, pause, resume and tune AWS Lambda event source mappings.",
    subcommands: [
      Browse.self, List.self, Get.self, Pause.self, Resume.self, Update.self, UndoCommand.self,
      Log.self, Whoami.self, Validate.self,
    ], defaultSubcommand: Browse.self)

  static func main() async {
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch {
      if exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }
}

/// Prints a message to standard error.
func complain(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}

import ArgumentParser
import Foundation
import SluiceApp
import SluiceClient
import SluiceModel
import SluiceTerminal

/// `sluice` with no subcommand: the terminal UI, on AWS or on the embedded demo.
struct Browse: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "browse", abstract: "The terminal UI (the default when no subcommand is given).")

  @OptionGroup var aws: AWSOptions

  @Flag(help: "Run on an in-process demo account: no AWS needed, nothing leaves the machine.")
  var demo = false

  @Flag(help: "Draw with ASCII only, for terminals or fonts without the Unicode symbols.")
  var ascii = false

  @Option(help: "Reload the list every this many seconds (off by default).")
  var refresh: Double?

  func validate() throws {
    if let refresh, refresh < 2 { throw ValidationError("--refresh takes 2 seconds or more.") }
  }

  func run() throws {
    let service: MappingService
    let context: AppState.Context
    var session: Session?
    let prompt = DialogMFAPrompt()
    defer { session?.closeNow() }
    // The demo's changes are make-believe: its journal and audit log live and die with the run.
    let scratch =
      demo
      ? FileManager.default.temporaryDirectory.appendingPathComponent("sluice-demo-\(getpid())")
        .path
      : nil
    defer { if let scratch { try? FileManager.default.removeItem(atPath: scratch) } }
    let stateDirectory =
      scratch.map(StateDirectory.init(path:)) ?? StateDirectory(environment: .process)
    if demo {
      service = DemoBackend()
      context = AppState.Context(
        profile: "demo", region: "us-east-1", endpointHost: "in-process", readOnly: aws.readOnly,
        demo: true, refreshInterval: refresh)
    } else {
      // A role's MFA code is asked for in a question on the screen.
      let opened = try aws.session(mfa: prompt)
      session = opened
      service = opened.client
      context = AppState.Context(
        profile: opened.profile, region: opened.region, endpointHost: opened.client.endpoint.host,
        readOnly: opened.readOnly, demo: false, refreshInterval: refresh)
    }
    let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
    guard let screen = CursesScreen(noColor: noColor) else {
      complain("sluice: cannot start the terminal (is TERM set?)")
      throw ExitCode(1)
    }
    let status = TerminalApp(
      service: service, stateDirectory: stateDirectory, context: context, screen: screen,
      ascii: ascii, mfa: prompt
    ).run()
    if status != 0 { throw ExitCode(status) }
  }
}

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
      // Sign in before the screen starts, so an MFA code is asked for on the terminal.
      let prompt = TerminalMFAPrompt()
      let opened = try aws.session(mfa: prompt)
      session = opened
      try Self.signIn(opened)
      prompt.stopAsking()
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
      ascii: ascii
    ).run()
    if status != 0 { throw ExitCode(status) }
  }
}

extension Browse {
  /// Waits for the session's credentials, or exits as a subcommand would (2 with no terminal to
  /// ask an MFA code on, 1 for any other failure), before anything is drawn or sent.
  static func signIn(_ session: Session) throws {
    let outcome = Outcome()
    let done = DispatchSemaphore(value: 0)
    Task {
      do {
        _ = try await session.client.signIn()
      } catch {
        outcome.set(error)
      }
      done.signal()
    }
    done.wait()
    guard let error = outcome.error else { return }
    complain("sluice: \(DisplayText.singleLine(String(describing: error)))")
    if case MFAError.noTerminal = error { throw ExitCode(2) }
    throw ExitCode(1)
  }

  /// An error handed from the signing-in task to the waiting thread.
  final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?
    var error: Error? { lock.withLock { stored } }
    func set(_ error: Error) { lock.withLock { stored = error } }
  }
}

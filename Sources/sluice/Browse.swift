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
    // The demo's changes are make-believe: its journal and audit log live and die with the run.
    let scratch =
      demo
      ? FileManager.default.temporaryDirectory.appendingPathComponent("sluice-demo-\(getpid())")
        .path
      : nil
    defer { if let scratch { try? FileManager.default.removeItem(atPath: scratch) } }
    let stateDirectory =
      scratch.map(StateDirectory.init(path:)) ?? StateDirectory(environment: .process)
    let sessions = Sessions()
    defer { sessions.closeAll() }
    let first: OpenedSession
    if demo {
      var context = AppState.Context(
        profile: "demo", region: "us-east-1", endpointHost: "in-process", readOnly: aws.readOnly,
        demo: true, refreshInterval: refresh)
      context.regions = ["us-east-1"]
      first = OpenedSession(service: DemoBackend(), context: context, mfa: nil)
    } else {
      do {
        first = try open(profile: aws.profile, region: aws.region, into: sessions)
      } catch {
        complain("sluice: \(DisplayText.singleLine(String(describing: error)))")
        throw ExitCode(1)
      }
    }
    let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
    guard let screen = CursesScreen(noColor: noColor) else {
      complain("sluice: cannot start the terminal (is TERM set?)")
      throw ExitCode(1)
    }
    let status = TerminalApp(
      session: first, stateDirectory: stateDirectory, screen: screen, ascii: ascii,
      open: demo ? nil : { try open(profile: $0, region: $1, into: sessions) }
    ).run()
    if status != 0 { throw ExitCode(status) }
  }

  /// A session on a profile and region, its MFA codes asked in a question on the screen.
  private func open(profile: String?, region: String?, into sessions: Sessions) throws
    -> OpenedSession
  {
    var options = aws
    options.profile = profile
    options.region = region
    let prompt = DialogMFAPrompt()
    // A refused setting surfaces as itself: the first open reports it before the screen starts,
    // a switch in the TUI's footer.
    let session = try Session(options: options.options(mfa: prompt))
    sessions.keep(session)
    let environment = AWSEnvironment.process
    var context = AppState.Context(
      profile: session.profile, region: session.region, endpointHost: session.client.endpoint.host,
      readOnly: session.readOnly, demo: false, refreshInterval: refresh)
    context.profiles = environment.profileNames
    context.regions = PartitionRegions.names(besides: session.region)
    context.canSwitch = true
    return OpenedSession(service: session.client, context: context, mfa: prompt)
  }

  /// Every session opened in this run, closed together at the end (a switch leaves the old one
  /// open, so answers still on their way can arrive and be dropped).
  final class Sessions: @unchecked Sendable {
    private let lock = NSLock()
    private var all: [Session] = []
    func keep(_ session: Session) { lock.withLock { all.append(session) } }
    func closeAll() { lock.withLock { all.forEach { $0.closeNow() } } }
  }
}

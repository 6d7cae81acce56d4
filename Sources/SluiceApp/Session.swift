import Foundation
import Logging
import SluiceClient

/// A connection to one account and region: the resolved profile, region and endpoint, the
/// credential chain and the client, set up once per command or TUI run.
public final class Session: Sendable {
  public let profile: String
  public let region: String
  /// True when the command line or the config file turned changes off.
  public let readOnly: Bool
  public let client: LambdaClient
  /// Where journals and the audit log are kept.
  public let stateDirectory: StateDirectory
  /// Every change goes through it, so every change is in the audit log.
  public let recorder: ChangeRecorder
  private let transport: AsyncHTTPTransport

  /// What the operator chose on the command line.
  public struct Options: Sendable {
    public var profile: String?
    public var region: String?
    public var endpointURL: String?
    public var maxAttempts: Int?
    public var readOnly: Bool
    /// Log each request (method, path, status, attempt; never headers or bodies) to stderr.
    public var verbose: Bool
    /// Asks for MFA codes when a role's profile names `mfa_serial`; nil: such profiles fail.
    public var mfa: MFAPrompt?

    public init(
      profile: String? = nil, region: String? = nil, endpointURL: String? = nil,
      maxAttempts: Int? = nil, readOnly: Bool = false, verbose: Bool = false,
      mfa: MFAPrompt? = nil
    ) {
      self.mfa = mfa
      self.profile = profile
      self.region = region
      self.endpointURL = endpointURL
      self.maxAttempts = maxAttempts
      self.readOnly = readOnly
      self.verbose = verbose
    }
  }

  public init(options: Options, environment: AWSEnvironment = .process) throws {
    profile = environment.profileName(option: options.profile)
    let place = try RegionAndEndpoint.resolve(
      region: options.region, endpointURL: options.endpointURL, profile: profile,
      environment: environment)
    region = place.region
    readOnly = options.readOnly || SluiceConfig.load(from: environment).isReadOnly(profile: profile)
    // Everything that can refuse the configuration comes first: a transport, once made, must be
    // shut down, and an init that throws after it would leave it running.
    let network = try NetworkSettings.resolve(profile: profile, environment: environment)
    let retry = try RetryPolicy.resolve(
      maxAttempts: options.maxAttempts, profile: profile, environment: environment)
    transport = AsyncHTTPTransport(settings: network)
    var logger = Logger(label: "sluice")
    logger.logLevel = options.verbose ? .debug : .warning
    stateDirectory = StateDirectory(environment: environment)
    client = LambdaClient(
      endpoint: place.endpoint, region: place.region, identityEndpoint: place.identityEndpoint,
      transport: transport,
      credentials: .standard(
        profile: options.profile, environment: environment, transport: transport,
        sts: place.identityEndpoint, region: place.region, mfa: options.mfa),
      retry: retry, readOnly: readOnly, logger: logger,
      identityMemory: stateDirectory.identities)
    recorder = ChangeRecorder(
      service: client, log: stateDirectory.auditLog, profile: profile, region: region
    ) { warning in
      FileHandle.standardError.write(Data("sluice: \(warning)\n".utf8))
    }
  }

  /// Closes the connections; call once when done.
  public func close() async { await transport.shutdown() }

  /// Closes the connections from synchronous code, such as after the TUI's input loop ends.
  public func closeNow() { transport.shutdownNow() }
}

extension StateDirectory {
  /// The state directory the environment names (`XDG_STATE_HOME`, `HOME`).
  public init(environment: AWSEnvironment) {
    self.init(
      xdgStateHome: environment["XDG_STATE_HOME"], homeDirectory: environment.homeDirectory)
  }
}

import Foundation

/// Finds credentials the way the AWS CLI does and keeps them fresh.
///
/// Sources are tried in order: an explicit `--profile` first (its environment keys are then
/// ignored, as botocore does), otherwise environment keys, then the profile, then the container
/// endpoint, then instance metadata. Temporary credentials are refreshed 15 minutes before they
/// expire; if a refresh fails while the old ones still have 10 minutes, the old ones are used.
public actor CredentialChain {
  private let providers: [any CredentialProvider]
  private let now: @Sendable () -> Date
  private var cached: Credentials?

  static let advisoryRefresh: TimeInterval = 15 * 60
  static let mandatoryRefresh: TimeInterval = 10 * 60

  public init(providers: [any CredentialProvider], now: @escaping @Sendable () -> Date = Date.init)
  {
    self.providers = providers
    self.now = now
  }

  /// The standard chain for a profile.
  public static func standard(
    profile option: String?, environment: AWSEnvironment, transport: HTTPTransport
  ) -> CredentialChain {
    let profile = environment.profileName(option: option)
    let fromProfile = ProfileCredentials(
      profile: profile, environment: environment,
      explicit: option != nil || environment["AWS_PROFILE"] != nil)
    var providers: [any CredentialProvider] = []
    if option == nil { providers.append(EnvironmentCredentials(environment: environment)) }
    providers.append(fromProfile)
    providers.append(ContainerCredentials(environment: environment, transport: transport))
    providers.append(InstanceMetadataCredentials(environment: environment, transport: transport))
    return CredentialChain(providers: providers)
  }

  /// Current credentials, fetching or refreshing them when needed.
  public func credentials() async throws -> Credentials {
    let moment = now()
    if let cached, !cached.expires(within: Self.advisoryRefresh, of: moment) { return cached }
    do {
      let fresh = try await resolve()
      cached = fresh
      return fresh
    } catch {
      if let cached, !cached.expires(within: Self.mandatoryRefresh, of: moment) { return cached }
      throw error
    }
  }

  private func resolve() async throws -> Credentials {
    for provider in providers {
      if let credentials = try await provider.credentials() { return credentials }
    }
    throw CredentialError.notFound(tried: providers.map(\.name))
  }
}

import Foundation

/// Finds credentials the way the AWS CLI does and keeps them fresh.
///
/// Sources are tried in botocore's order (see `standard`). Temporary credentials are refreshed 15 minutes before they
/// expire; if a refresh fails while the old ones still have 10 minutes, the old ones are used.
public actor CredentialChain {
  private let providers: [any CredentialProvider]
  private let now: @Sendable () -> Date
  private var cached: Credentials?
  /// The resolution under way, shared by every caller meanwhile: a role with MFA asks once.
  private var resolving: Task<Credentials, Error>?

  static let advisoryRefresh: TimeInterval = 15 * 60
  static let mandatoryRefresh: TimeInterval = 10 * 60

  public init(providers: [any CredentialProvider], now: @escaping @Sendable () -> Date = Date.init)
  {
    self.providers = providers
    self.now = now
  }

  /// The standard chain for a profile, in botocore's order: environment keys (unless `--profile`
  /// was given), the profile's role, its web identity, its IAM Identity Center sign-in, its static keys in the credentials file,
  /// its `credential_process`, its static keys in the config file, then the container endpoint
  /// and instance metadata.
  public static func standard(
    profile option: String?, environment: AWSEnvironment, transport: HTTPTransport,
    sts: Endpoint, region: String, mfa: MFAPrompt? = nil
  ) -> CredentialChain {
    let profile = environment.profileName(option: option)
    let context = RoleContext(
      environment: environment, transport: transport, stsEndpoint: sts, region: region, mfa: mfa,
      explicitProfile: option != nil)
    var providers: [any CredentialProvider] = []
    if option == nil { providers.append(EnvironmentCredentials(environment: environment)) }
    providers.append(AssumeRoleCredentials(profile: profile, context: context))
    providers.append(
      WebIdentityCredentials(
        profile: profile, context: context, environmentVariables: option == nil))
    providers.append(SSOCredentials(profile: profile, context: context))
    providers.append(
      ProfileCredentials(
        profile: profile, environment: environment,
        explicit: option != nil || environment["AWS_PROFILE"] != nil))
    providers.append(ContainerCredentials(environment: environment, transport: transport))
    providers.append(InstanceMetadataCredentials(environment: environment, transport: transport))
    return CredentialChain(providers: providers)
  }

  /// Current credentials, fetching or refreshing them when needed.
  public func credentials() async throws -> Credentials {
    let moment = now()
    if let cached, !cached.expires(within: Self.advisoryRefresh, of: moment) { return cached }
    let task = resolving ?? Task { try await resolve() }
    resolving = task
    defer { resolving = nil }
    do {
      let fresh = try await task.value
      cached = fresh
      return fresh
    } catch {
      if let cached, !cached.expires(within: Self.mandatoryRefresh, of: moment) { return cached }
      throw error
    }
  }

  private func resolve() async throws -> Credentials {
    for provider in providers {
      if let credentials = try await provider.credentials() {
        return credentials.from(provider.name)
      }
    }
    throw CredentialError.notFound(tried: providers.map(\.name))
  }
}

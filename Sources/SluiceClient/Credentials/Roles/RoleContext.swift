import Foundation

/// What resolving a role needs beyond the profile: where STS is, how to reach it, the caches, the
/// MFA prompt, the clock, and the other providers a role may take its source credentials from.
public struct RoleContext: Sendable {
  let environment: AWSEnvironment
  let transport: HTTPTransport
  let stsEndpoint: Endpoint
  let region: String
  let cache: RoleCache
  let mfa: MFAPrompt?
  let clock: WaitClock
  /// An explicit `--profile`: environment keys and the web-identity variables are then ignored.
  let explicitProfile: Bool

  public init(
    environment: AWSEnvironment, transport: HTTPTransport, stsEndpoint: Endpoint, region: String,
    mfa: MFAPrompt?, explicitProfile: Bool = false, clock: WaitClock = .system
  ) {
    self.environment = environment
    self.transport = transport
    self.stsEndpoint = stsEndpoint
    self.region = region
    cache = RoleCache(environment: environment)
    self.mfa = mfa
    self.clock = clock
    self.explicitProfile = explicitProfile
  }

  func now() -> Date { clock.now() }

  /// The provider a `credential_source` names.
  func namedSource(_ name: String) -> CredentialProvider? {
    switch name {
    case "Environment": EnvironmentCredentials(environment: environment)
    case "Ec2InstanceMetadata":
      InstanceMetadataCredentials(environment: environment, transport: transport)
    case "EcsContainer": ContainerCredentials(environment: environment, transport: transport)
    default: nil
    }
  }

  /// The providers a profile's own keys can use, in botocore's order: web identity, SSO, static
  /// keys in the credentials file, `credential_process`, static keys in the config file.
  func profileProviders(_ profile: String, environmentVariables: Bool) -> [CredentialProvider] {
    [
      WebIdentityCredentials(
        profile: profile, context: self, environmentVariables: environmentVariables),
      ProfileCredentials(profile: profile, environment: environment, explicit: false),
    ]
  }

  /// Credentials from a source profile's own keys (environment variables ignored, as botocore
  /// does for source profiles).
  func profileCredentials(_ profile: String) async throws -> Credentials? {
    for provider in profileProviders(profile, environmentVariables: false) {
      if let credentials = try await provider.credentials() {
        return credentials.from("profile \(profile)")
      }
    }
    return nil
  }
}

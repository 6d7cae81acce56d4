import Foundation

/// A profile with `role_arn`: STS AssumeRole with credentials from its `source_profile` (itself
/// static keys, SSO, a process, web identity or another role) or its `credential_source`
/// (`Environment`, `Ec2InstanceMetadata`, `EcsContainer`), as botocore resolves it.
///
/// Optional keys: `external_id`, `role_session_name` (default `botocore-session-<epoch>`),
/// `duration_seconds` (900 to 43200) and `mfa_serial`, whose code the `MFAPrompt` asks for.
/// Answers are kept in the AWS CLI's cache, so a code typed into either tool serves both.
public struct AssumeRoleCredentials: CredentialProvider {
  let profile: String
  let context: RoleContext

  public init(profile: String, context: RoleContext) {
    self.profile = profile
    self.context = context
  }

  public var name: String { "assume-role (profile \(profile))" }

  public func credentials() async throws -> Credentials? {
    guard let settings = ProfileSettings(profile, environment: context.environment),
      settings.assumesRole
    else { return nil }
    return try await assume(settings, visited: [profile])
  }

  /// Assumes the profile's role; `visited` are the profiles on the way here, to catch loops.
  func assume(_ settings: ProfileSettings, visited: [String]) async throws -> Credentials {
    let role = try RoleRequest(settings)
    let (source, via) = try await sourceCredentials(role, settings, visited: visited)
    let cacheKey = RoleCache.key(for: role.cacheArguments)
    let window = CredentialChain.advisoryRefresh
    if let cached = context.cache.answer(for: cacheKey, now: context.now(), window: window) {
      return cached.credentials.from(
        role.origin(via: via, cachedUntil: cached.credentials.expiration))
    }
    let answer = try await callSTS(role, settings, signedWith: source)
    try? context.cache.store(answer, for: cacheKey)
    return answer.credentials.from(role.origin(via: via, cachedUntil: nil))
  }

  /// Calls AssumeRole; a code STS refuses gets one more chance, with STS's words beside it.
  private func callSTS(
    _ role: RoleRequest, _ settings: ProfileSettings, signedWith source: Credentials
  )
    async throws -> RoleAnswer
  {
    var refusal: String?
    for attempt in 1...2 {
      var parameters = role.parameters(now: context.now())
      if let serial = role.mfaSerial {
        parameters["TokenCode"] = try await mfaCode(profile: settings.name, serial: serial, refusal)
      }
      do {
        return try await STSRoleCall.assumeRole(parameters).send(
          to: context.stsEndpoint, transport: context.transport,
          signer: SigV4Signer(credentials: source, region: context.region, service: "sts"),
          clock: context.clock)
      } catch let error as AWSServiceError
        where role.mfaSerial != nil && attempt == 1 && error.status == 403
      {
        refusal = "\(error)"
      } catch {
        throw CredentialError.broken(
          source: "profile \(settings.name)",
          reason: "STS AssumeRole of \(role.arn) failed: \(error)")
      }
    }
    throw CredentialError.broken(
      source: "profile \(settings.name)",
      reason: "STS AssumeRole of \(role.arn) failed: \(refusal ?? "")")
  }

  private func mfaCode(profile: String, serial: String, _ refusal: String?) async throws -> String {
    guard let prompt = context.mfa else {
      throw MFAError.noTerminal(profile: profile, serial: serial)
    }
    let code = try await prompt.code(profile: profile, serial: serial, refusal: refusal)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    guard !code.isEmpty else { throw MFAError.noCode(profile: profile) }
    return code
  }

  /// The credentials AssumeRole is signed with, and how they were found, in words.
  private func sourceCredentials(
    _ role: RoleRequest, _ settings: ProfileSettings, visited: [String]
  ) async throws -> (Credentials, String) {
    if let named = settings["credential_source"] {
      guard let provider = context.namedSource(named) else {
        throw CredentialError.broken(
          source: "profile \(settings.name)",
          reason:
            "credential_source \(named) is not one of Environment, Ec2InstanceMetadata, EcsContainer"
        )
      }
      guard let credentials = try await provider.credentials() else {
        throw CredentialError.broken(
          source: "profile \(settings.name)",
          reason: "credential_source \(named) has no credentials")
      }
      return (credentials, "credential_source \(named)")
    }
    let sourceName = settings["source_profile"]!
    let chain = visited + [sourceName]
    guard let source = ProfileSettings(sourceName, environment: context.environment) else {
      throw CredentialError.broken(
        source: "profile \(settings.name)",
        reason: "its source_profile \(sourceName) does not exist")
    }
    if visited.contains(sourceName), !(sourceName == settings.name && source.hasStaticKeys) {
      throw CredentialError.broken(
        source: "profile \(visited[0])",
        reason: "source_profile loops: " + chain.joined(separator: " -> "))
    }
    if source.assumesRole, !source.hasStaticKeys {
      return (try await assume(source, visited: chain), "source_profile \(sourceName) (a role)")
    }
    guard let credentials = try await context.profileCredentials(sourceName) else {
      throw CredentialError.broken(
        source: "profile \(settings.name)",
        reason: "its source_profile \(sourceName) has no credentials")
    }
    return (credentials, "source_profile \(sourceName)")
  }
}

/// Remembers whom an access key belongs to, so STS is asked once per key rather than once per run.
///
/// An access key id names one principal for its whole life (a temporary `ASIA…` key, one role
/// session), so the answer never goes stale. The id itself is an identifier, not a secret; the
/// secret key and the session token are never handed to a memory.
public protocol IdentityMemory: Sendable {
  func identity(forKey key: String) -> CallerIdentity?
  func remember(_ identity: CallerIdentity, forKey key: String)
}

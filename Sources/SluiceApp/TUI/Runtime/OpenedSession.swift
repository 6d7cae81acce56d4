import SluiceClient

/// One profile and region as the TUI works with it: the service, the status bar's context, and
/// the MFA prompt its credentials ask through. The front end opens one at start and one for each
/// `:profile` or `:region`; each has its own credentials, identity and journal.
public struct OpenedSession: Sendable {
  public let service: MappingService
  public let context: AppState.Context
  public let mfa: DialogMFAPrompt?

  public init(service: MappingService, context: AppState.Context, mfa: DialogMFAPrompt?) {
    self.service = service
    self.context = context
    self.mfa = mfa
  }
}

/// Asks the operator for the code of an MFA device, for a role whose profile names `mfa_serial`.
///
/// Each front end brings its own: subcommands read it from the terminal without echo (and refuse
/// when there is none), the terminal UI asks before its screen starts. The chain never invents an
/// answer, so a refresh that needs a new code asks again or says the session has ended.
public protocol MFAPrompt: Sendable {
  func code(profile: String, serial: String) async throws -> String
}

/// Why no MFA code could be had.
public enum MFAError: Error, Equatable, CustomStringConvertible {
  /// No terminal to ask on.
  case noTerminal(profile: String, serial: String)
  /// The operator gave no code.
  case noCode(profile: String)
  /// The role session that the code opened has ended, and this front end cannot ask again now.
  case sessionEnded(profile: String)

  public var description: String {
    switch self {
    case .noTerminal(let profile, let serial):
      "profile \(profile) needs an MFA code for \(serial), and there is no terminal to ask on; "
        + "run the command in a terminal, or sign in first with the AWS CLI so the cached "
        + "role session in ~/.aws/cli/cache is used"
    case .noCode(let profile): "profile \(profile): no MFA code was given"
    case .sessionEnded(let profile):
      "the role session of profile \(profile) has ended and needs a new MFA code; "
        + "quit and start sluice again to enter one"
    }
  }
}

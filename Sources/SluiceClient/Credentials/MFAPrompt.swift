/// Asks the operator for the code of an MFA device, for a role whose profile names `mfa_serial`.
///
/// Each front end brings its own: subcommands read it from the terminal without echo (and refuse
/// when there is none), the terminal UI asks in a question on its screen. The chain never invents
/// an answer: a refresh that needs a new code asks again.
public protocol MFAPrompt: Sendable {
  /// The code for `serial`; `refusal` is STS's answer to the last code, when it refused one.
  func code(profile: String, serial: String, refusal: String?) async throws -> String
}

/// Why no MFA code could be had.
public enum MFAError: Error, Equatable, CustomStringConvertible {
  /// No terminal to ask on.
  case noTerminal(profile: String, serial: String)
  /// The operator gave no code.
  case noCode(profile: String)

  public var description: String {
    switch self {
    case .noTerminal(let profile, let serial):
      "profile \(profile) needs an MFA code for \(serial), and there is no terminal to ask on; "
        + "run the command in a terminal, or sign in first with the AWS CLI so the cached "
        + "role session in ~/.aws/cli/cache is used"
    case .noCode(let profile): "profile \(profile): no MFA code was given"
    }
  }
}

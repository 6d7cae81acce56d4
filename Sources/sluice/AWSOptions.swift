import ArgumentParser
import SluiceApp
import SluiceClient
import SluiceModel

/// The options every AWS-facing subcommand takes.
struct AWSOptions: ParsableArguments {
  @Option(help: "The AWS profile (else AWS_PROFILE, else default).")
  var profile: String?

  @Option(help: "The AWS region (else AWS_REGION, AWS_DEFAULT_REGION, the profile).")
  var region: String?

  @Option(help: "Send requests here instead of the regional Lambda endpoint.")
  var endpointURL: String?

  @Option(help: "Attempts per request, the first included (else AWS_MAX_ATTEMPTS, else 3).")
  var maxAttempts: Int?

  @Flag(help: "Log every request (method, path, status, attempt) to standard error.")
  var verbose = false

  @Flag(help: "Refuse every change (also: read_only = true in ~/.config/sluice/config.toml).")
  var readOnly = false

  /// Opens a session, or exits 1 with a clear message when configuration is missing. MFA codes
  /// are asked for on the terminal.
  func session(readOnly forced: Bool = false, mfa: MFAPrompt = TerminalMFAPrompt()) throws
    -> Session
  {
    do {
      return try Session(options: options(readOnly: forced, mfa: mfa))
    } catch {
      complain("sluice: \(DisplayText.singleLine(String(describing: error)))")
      throw ExitCode(1)
    }
  }
}

extension AWSOptions {
  /// The options as the session takes them.
  func options(readOnly forced: Bool = false, mfa: MFAPrompt) -> Session.Options {
    Session.Options(
      profile: profile, region: region, endpointURL: endpointURL, maxAttempts: maxAttempts,
      readOnly: readOnly || forced, verbose: verbose, mfa: mfa)
  }
}

/// Runs `body` with a session, closing it afterwards and turning errors into exit code 1.
func withSession<T>(
  _ options: AWSOptions, readOnly: Bool = false, _ body: (Session) async throws -> T
) async throws -> T {
  let session = try options.session(readOnly: readOnly)
  do {
    _ = try await session.client.signIn()
    let result = try await body(session)
    await session.close()
    return result
  } catch let exit as ExitCode {
    await session.close()
    throw exit
  } catch let missing as MFAError {
    await session.close()
    complain("sluice: \(DisplayText.singleLine(String(describing: missing)))")
    // No terminal to ask on is a usage problem: the command could not have run as given.
    if case .noTerminal = missing { throw ExitCode(2) }
    throw ExitCode(1)
  } catch {
    await session.close()
    complain("sluice: \(DisplayText.singleLine(String(describing: error)))")
    throw ExitCode(1)
  }
}

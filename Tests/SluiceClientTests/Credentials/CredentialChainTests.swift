import Foundation
import SluiceClient
import Testing

struct CredentialChainTests {
  func resolve(
    _ fixture: ConfigFixture, profile: String? = nil, _ variables: [String: String] = [:]
  )
    async throws -> Credentials
  {
    let transport = ScriptedTransport()
    let chain = CredentialChain.standard(
      profile: profile, environment: fixture.environment(variables), transport: transport,
      sts: Endpoint(url: "https://sts.us-east-1.amazonaws.com")!, region: "us-east-1")
    let credentials = try await chain.credentials()
    #expect(transport.requests.isEmpty)
    return credentials
  }

  @Test func environmentKeysComeFirst() async throws {
    let fixture = try ConfigFixture(
      credentials: "[default]\naws_access_key_id = FILE\naws_secret_access_key = f\n")
    let credentials = try await resolve(
      fixture,
      [
        "AWS_ACCESS_KEY_ID": "ENV", "AWS_SECRET_ACCESS_KEY": "e", "AWS_SESSION_TOKEN": "t",
      ])
    #expect(credentials == Credentials(accessKeyId: "ENV", secretAccessKey: "e", sessionToken: "t"))
  }

  @Test func anExplicitProfileIgnoresEnvironmentKeys() async throws {
    let fixture = try ConfigFixture(
      credentials:
        "[dev]\naws_access_key_id = DEV\naws_secret_access_key = d\naws_session_token = dt\n")
    let credentials = try await resolve(
      fixture, profile: "dev", ["AWS_ACCESS_KEY_ID": "ENV", "AWS_SECRET_ACCESS_KEY": "e"])
    #expect(credentials.accessKeyId == "DEV")
    #expect(credentials.sessionToken == "dt")
  }

  @Test func profileFromAWSProfileAndConfigFileKeys() async throws {
    let fixture = try ConfigFixture(
      config: """
        # comment
        [profile ops]
        region = eu-west-1
        aws_access_key_id = CFG
        aws_secret_access_key = c
        """)
    let credentials = try await resolve(fixture, ["AWS_PROFILE": "ops"])
    #expect(credentials.accessKeyId == "CFG")
  }

  @Test func filesMayLiveElsewhere() async throws {
    let fixture = try ConfigFixture()
    let other = fixture.home + "/elsewhere"
    try "[default]\naws_access_key_id = ELSE\naws_secret_access_key = x\n".write(
      toFile: other, atomically: true, encoding: .utf8)
    let credentials = try await resolve(fixture, ["AWS_SHARED_CREDENTIALS_FILE": other])
    #expect(credentials.accessKeyId == "ELSE")
  }

  @Test func credentialProcessVersionOne() async throws {
    var fixture = try ConfigFixture()
    let script = try fixture.script(
      "creds helper.sh",
      """
      echo '{"Version": 1, "AccessKeyId": "PROC", "SecretAccessKey": "p", "SessionToken": "pt", "Expiration": "2099-05-26T12:34:56.789Z"}'
      """)
    fixture = try ConfigFixture(
      config: "[default]\ncredential_process = /bin/sh \"\(script)\" --flag\n")
    let credentials = try await resolve(fixture)
    #expect(credentials.accessKeyId == "PROC")
    #expect(credentials.sessionToken == "pt")
    #expect(
      credentials.expiration
        == ISO8601DateFormatter().date(from: "2099-05-26T12:34:56Z")!.addingTimeInterval(0.789))
  }

  @Test(arguments: [
    (#"echo '{"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "S"}'"#, "\"Version\": 1"),
    (#"echo '{"Version": 1, "AccessKeyId": "A"}'"#, "needs AccessKeyId and SecretAccessKey"),
    ("echo 'not json'", "not a JSON object"),
    (
      "echo 'token expired, run sso login' >&2; exit 3",
      "exited with 3: token expired, run sso login"
    ),
  ])
  func credentialProcessFailuresAreExplained(_ body: String, _ reason: String) async throws {
    let scripts = try ConfigFixture()
    let script = try scripts.script("helper.sh", body)
    let fixture = try ConfigFixture(
      credentials: "[default]\ncredential_process = /bin/sh \(script)\n")
    do {
      _ = try await resolve(fixture)
      Issue.record("expected a failure")
    } catch let error as CredentialError {
      #expect(error.description.contains(reason), "\(error)")
      #expect(error.description.hasPrefix("Credentials from credential_process failed"))
    }
  }

  @Test func noCredentialsNamesEverySourceTried() async throws {
    let fixture = try ConfigFixture()
    do {
      _ = try await resolve(fixture)
      Issue.record("expected no credentials")
    } catch let error as CredentialError {
      #expect(
        error.description.contains(
          "environment variables, assume-role (profile default), web identity (AWS_WEB_IDENTITY_TOKEN_FILE, profile default), IAM Identity Center (profile default), profile default"
        ))
      #expect(
        error.description.contains("container credentials (ECS/EKS), EC2 instance metadata (IMDS)"))
    }
  }

  @Test func missingProfilesAndSignInsSaySo() async throws {
    let fixture = try ConfigFixture(
      config: "[profile corp]\nsso_session = corp\nsso_account_id = 123456789012\n"
        + "sso_role_name = Ops\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
        + "sso_region = eu-west-1\n")
    await #expect {
      _ = try await resolve(fixture, profile: "corp")
    } throws: { error in
      "\(error)".contains("no cached sign-in")
        && "\(error)".contains("`aws sso login --sso-session corp`")
    }
    let missing = try ConfigFixture()
    await #expect(
      throws: CredentialError.broken(
        source: "profile nope", reason: "no such profile in ~/.aws/credentials or ~/.aws/config")
    ) {
      _ = try await resolve(missing, profile: "nope")
    }
  }

  @Test func expiringCredentialsAreRefreshedAheadOfTime() async throws {
    let clock = TestClock(start: Date(timeIntervalSince1970: 1_000_000))
    let source = CountingProvider(clock: clock) { count, now in
      Credentials(
        accessKeyId: "K\(count)", secretAccessKey: "s", expiration: now.addingTimeInterval(3600))
    }
    let chain = CredentialChain(providers: [source], now: { clock.now })
    #expect(try await chain.credentials().accessKeyId == "K1")
    clock.advance(by: 40 * 60)  // 20 minutes left: still fine
    #expect(try await chain.credentials().accessKeyId == "K1")
    clock.advance(by: 10 * 60)  // 10 minutes left: inside the 15-minute window
    #expect(try await chain.credentials().accessKeyId == "K2")
  }

  @Test func aFailedRefreshKeepsCredentialsThatStillHaveTime() async throws {
    let clock = TestClock(start: Date(timeIntervalSince1970: 1_000_000))
    let source = CountingProvider(clock: clock) { count, now in
      guard count == 1 else { throw CredentialError.broken(source: "test", reason: "down") }
      return Credentials(
        accessKeyId: "K1", secretAccessKey: "s", expiration: now.addingTimeInterval(20 * 60))
    }
    let chain = CredentialChain(providers: [source], now: { clock.now })
    _ = try await chain.credentials()
    clock.advance(by: 8 * 60)  // 12 minutes left: refresh fails, the old ones still serve
    #expect(try await chain.credentials().accessKeyId == "K1")
    clock.advance(by: 5 * 60)  // 7 minutes left: no longer usable
    await #expect(throws: CredentialError.self) { _ = try await chain.credentials() }
  }
}

final class TestClock: @unchecked Sendable {
  private let lock = NSLock()
  private var current: Date
  init(start: Date) { current = start }
  var now: Date { lock.withLock { current } }
  func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}

/// Makes new credentials on every call, numbering them, at the test clock's time.
final class CountingProvider: CredentialProvider, @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0
  private let clock: TestClock
  private let make: (Int, Date) throws -> Credentials
  init(clock: TestClock, _ make: @escaping (Int, Date) throws -> Credentials) {
    self.clock = clock
    self.make = make
  }
  var name: String { "counting" }
  func credentials() async throws -> Credentials? {
    let number = lock.withLock {
      count += 1
      return count
    }
    return try make(number, clock.now)
  }
}

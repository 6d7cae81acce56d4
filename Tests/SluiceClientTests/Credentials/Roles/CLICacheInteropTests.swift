import Foundation
import Testing

@testable import SluiceClient

/// The AWS CLI's own code (botocore, installed with the test's Python packages) reads what
/// Sluice caches, and Sluice reads what botocore caches: one MFA code serves both tools.
struct CLICacheInteropTests {
  static let botocore = Python.run("import botocore") != nil

  @Test(.enabled(if: botocore)) func botocoreReadsWhatSluiceCached() throws {
    let fixture = try ConfigFixture(
      config:
        "[profile ops]\nrole_arn = arn:aws:iam::123456789012:role/ops\nsource_profile = base\n"
        + "mfa_serial = arn:aws:iam::123456789012:mfa/op\nregion = us-east-1\n",
      credentials: AssumeRoleTests.base)
    let settings = try #require(ProfileSettings("ops", environment: fixture.environment()))
    let key = RoleCache.key(for: try RoleRequest(settings).cacheArguments)
    let answer = RoleAnswer(
      credentials: Credentials(
        accessKeyId: "ASIAFROMSLUICE", secretAccessKey: "s", sessionToken: "t",
        expiration: Date().addingTimeInterval(3600)),
      assumedRoleArn: "arn:aws:sts::123456789012:assumed-role/ops/s", assumedRoleId: "AROA:s",
      requestId: "r")
    try RoleCache(environment: fixture.environment()).store(answer, for: key)
    // STS points nowhere: botocore can only answer from the cache (it would ask for a code first).
    let printed = Python.run(
      """
      import os, botocore.session
      from botocore.utils import JSONFileCache
      session = botocore.session.Session(profile='ops')
      provider = session.get_component('credential_provider').get_provider('assume-role')
      provider.cache = JSONFileCache(os.path.expanduser('~/.aws/cli/cache'))
      provider._prompter = lambda prompt: (_ for _ in ()).throw(SystemExit('prompted'))
      print(session.get_credentials().get_frozen_credentials().access_key)
      """, home: fixture.home)
    #expect(printed == "ASIAFROMSLUICE")
  }

  @Test(.enabled(if: botocore)) func sluiceReadsWhatBotocoreCached() throws {
    let fixture = try ConfigFixture()
    let printed = Python.run(
      """
      import os, datetime
      from botocore.credentials import AssumeRoleCredentialFetcher
      from botocore.utils import JSONFileCache
      from dateutil.tz import tzutc
      fetcher = AssumeRoleCredentialFetcher(None, None, 'arn:aws:iam::123456789012:role/ops',
          extra_args={'SerialNumber': 'arn:aws:iam::123456789012:mfa/op', 'DurationSeconds': 3600})
      expires = datetime.datetime.now(tzutc()) + datetime.timedelta(hours=1)
      JSONFileCache(os.path.expanduser('~/.aws/cli/cache'))[fetcher._cache_key] = {
          'Credentials': {'AccessKeyId': 'ASIAFROMCLI', 'SecretAccessKey': 's',
                          'SessionToken': 't', 'Expiration': expires},
          'AssumedRoleUser': {'Arn': 'arn:aws:sts::123456789012:assumed-role/ops/x',
                              'AssumedRoleId': 'AROA:x'}}
      print(fetcher._cache_key)
      """, home: fixture.home)
    let key = RoleCache.key(for: [
      "RoleArn": .text("arn:aws:iam::123456789012:role/ops"),
      "SerialNumber": .text("arn:aws:iam::123456789012:mfa/op"), "DurationSeconds": .number(3600),
    ])
    #expect(printed == key)
    let cached = RoleCache(environment: fixture.environment()).answer(
      for: key, now: Date(), window: 900)
    #expect(cached?.credentials.accessKeyId == "ASIAFROMCLI")
    #expect(cached?.account == "123456789012")
  }
}

/// Runs a Python snippet; its standard output, trimmed, or nil when it failed.
enum Python {
  static func run(_ code: String, home: String? = nil) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", code]
    var environment = ProcessInfo.processInfo.environment
    if let home {
      environment["HOME"] = home
      environment["AWS_ENDPOINT_URL_STS"] = "http://127.0.0.1:9"
      environment["AWS_EC2_METADATA_DISABLED"] = "true"
      for name in ["AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"] {
        environment[name] = nil
      }
    }
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

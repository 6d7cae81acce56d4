import ArgumentParser
import Foundation
import SluiceApp
import SluiceClient
import SluiceModel

/// `sluice whoami`: whose credentials these are and where they came from, before anything is
/// changed with them. Never prints a secret.
struct Whoami: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "whoami",
    abstract:
      "Show the account, the caller, the profile, the region and where the credentials came from.")

  @OptionGroup var aws: AWSOptions

  @Flag(help: "Print one JSON object.")
  var json = false

  func run() async throws {
    try await withSession(aws) { session in
      let signedIn = try await session.client.signIn()
      let caller = try await session.client.callerIdentity()
      var fields: [(String, String)] = [
        ("Account", caller.account), ("Arn", caller.arn), ("Profile", session.profile),
        ("Region", session.region), ("Credentials", signedIn.origin),
        ("AccessKeyId", signedIn.accessKeyId),
      ]
      if let expiration = signedIn.expiration {
        fields.append(("Expires", ISO8601DateFormatter().string(from: expiration)))
      }
      if json {
        let object = JSONValue.object(
          Dictionary(uniqueKeysWithValues: fields.map { ($0.0, .string($0.1)) }))
        print(object.prettyText)
      } else {
        for (name, value) in fields {
          print(
            DisplayText.sanitized(name.padding(toLength: 12, withPad: " ", startingAt: 0) + value))
        }
      }
    }
  }
}

import Foundation
import SluiceClient

/// A temporary home folder with `.aws/config` and `.aws/credentials`, and an environment on it.
struct ConfigFixture {
  let home: String

  init(config: String = "", credentials: String = "") throws {
    home =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("sluice-home-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(
      atPath: home + "/.aws", withIntermediateDirectories: true)
    try config.write(toFile: home + "/.aws/config", atomically: true, encoding: .utf8)
    try credentials.write(toFile: home + "/.aws/credentials", atomically: true, encoding: .utf8)
  }

  /// An environment with only these variables (and metadata lookups off unless given).
  func environment(_ variables: [String: String] = [:]) -> AWSEnvironment {
    var all = ["AWS_EC2_METADATA_DISABLED": "true"]
    all.merge(variables) { _, new in new }
    return AWSEnvironment(variables: all, homeDirectory: home)
  }

  /// Writes a shell script into the home folder and returns its path. Run it as `/bin/sh PATH`:
  /// executing a file just written can fail with "text file busy" while other tests fork.
  func script(_ name: String, _ body: String) throws -> String {
    let path = home + "/" + name
    try ("#!/bin/sh\n" + body).write(toFile: path, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    return path
  }
}

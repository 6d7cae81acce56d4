import Foundation
import Testing

/// Runs the real `sluice` binary, as an operator or a pipeline would.
struct ValidateCommandTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static func example(_ name: String) -> String {
    packageRoot.appendingPathComponent("Examples/\(name)").path
  }

  @Test func goodChangeExitsZeroWithDiff() throws {
    let run = try Sluice.run([
      "validate", "--mapping", Self.example("sqs-mapping.json"), "--update",
      Self.example("update-good.json"),
    ])
    #expect(run.status == 0)
    #expect(run.output.contains("No problems found."))
    #expect(run.output.contains("~ BatchSize: 10 -> 100"))
    #expect(run.output.contains(#"Body: {"BatchSize":100,"#))
  }

  @Test func badChangeExitsOneNamingEachField() throws {
    let run = try Sluice.run([
      "validate", "--mapping", Self.example("sqs-mapping.json"), "--update",
      Self.example("update-bad.json"),
    ])
    #expect(run.status == 1)
    for field in [
      "MaximumRetryAttempts", "ScalingConfig.MaximumConcurrency", "BatchSize",
      "FilterCriteria.Filters[0].Pattern",
    ] {
      #expect(run.output.contains("error \(field):"), "\(field)")
    }
  }

  @Test func jsonOutputIsMachineReadable() throws {
    let run = try Sluice.run([
      "validate", "--json", "--mapping", Self.example("sqs-mapping.json"), "--update",
      Self.example("update-bad.json"),
    ])
    #expect(run.status == 1)
    let report = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]
    #expect(report?["valid"] as? Bool == false)
    #expect((report?["findings"] as? [Any])?.count == 4)
  }

  @Test func brokenOrMissingFileExitsTwoNamingIt() throws {
    let run = try Sluice.run([
      "validate", "--mapping", Self.example("update-bad.json"), "--update", "/no/such.json",
    ])
    #expect(run.status == 2)
    #expect(
      run.error.contains(
        "update-bad.json: not a mapping as GetEventSourceMapping returns it: the member UUID is missing"
      ))
    let missing = try Sluice.run([
      "validate", "--mapping", Self.example("sqs-mapping.json"), "--update", "/no/such.json",
    ])
    #expect(missing.status == 2)
    #expect(missing.error.contains("/no/such.json: cannot be read"))
  }

  @Test func usageErrorsExitTwo() throws {
    let run = try Sluice.run(["validate", "--mapping"])
    #expect(run.status == 64 || run.status == 2)
  }
}

/// The built binary and a way to run it.
enum Sluice {
  struct Run {
    let status: Int32
    let output: String
    let error: String
  }

  /// The products folder holds both the test bundle and the executable.
  static var binary: URL {
    if let path = ProcessInfo.processInfo.environment["SLUICE_BINARY"] {
      return URL(fileURLWithPath: path)
    }
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("sluice").path),
      folder.path != "/"
    {
      folder.deleteLastPathComponent()
    }
    return folder.appendingPathComponent("sluice")
  }

  static func run(_ arguments: [String], environment: [String: String]? = nil) throws -> Run {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    if let environment { process.environment = environment }
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
      error: String(decoding: err, as: UTF8.self))
  }
}

/// `sluice log` on an empty state directory, and its one rule about `--last`.
struct LogCommandTests {
  static let environment = [
    "PATH": "/usr/bin:/bin", "HOME": "/nonexistent",
    "XDG_STATE_HOME": FileManager.default.temporaryDirectory.appendingPathComponent(
      "sluice-log-\(UUID().uuidString)"
    ).path,
  ]

  @Test func saysWhatItLookedForWhenNothingIsRecorded() throws {
    let run = try Sluice.run(["log", "--uuid", "u-1"], environment: Self.environment)
    #expect(run.status == 0)
    #expect(run.output.hasPrefix("No changes to u-1 recorded in "))
  }

  @Test func lastTakesOneOrMore() throws {
    let run = try Sluice.run(["log", "--last", "0"], environment: Self.environment)
    #expect(run.status == 2)
    #expect(run.error.contains("--last takes 1 or more."))
  }
}

import Foundation

/// Runs the operator's editor (`$VISUAL`, `$EDITOR`, else `vi`) on a private temporary file.
enum ExternalEditor {
  /// The edited text, or nil when the editor could not run or exited with an error.
  static func edit(
    _ text: String, environment: [String: String] = ProcessInfo.processInfo.environment
  )
    -> String?
  {
    let path = NSTemporaryDirectory() + "sluice-edit-\(UUID().uuidString).json"
    guard
      FileManager.default.createFile(
        atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
    else { return nil }
    defer { try? FileManager.default.removeItem(atPath: path) }
    let editor = environment["VISUAL"] ?? environment["EDITOR"] ?? "vi"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", editor + " \"$1\"", "sh", path]
    do {
      try process.run()
    } catch {
      return nil
    }
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return try? String(contentsOfFile: path, encoding: .utf8)
  }
}

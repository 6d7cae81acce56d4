import Foundation
import SluiceApp
import SluiceClient
import SluiceModel
import SluiceTerminal

/// Resident memory of the TUI's state with 10,000 mappings, measured in a process of its own so
/// that nothing the other benchmarks allocated is counted.
enum MemoryBench {
  /// Runs this executable again as `sluice-bench memory` and passes its line on.
  static func runInChild() {
    let child = Process()
    child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    child.arguments = ["memory"]
    let output = Pipe()
    child.standardOutput = output
    do {
      try child.run()
    } catch {
      print("resident-memory-10000-mappings: not measured (\(error))")
      return
    }
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    child.waitUntilExit()
    print(text, terminator: "")
  }

  /// The child's work: parse 10,000 mappings from List pages as the client does, load them into
  /// the app state, draw the list once, and report VmRSS before and after.
  static func measure() {
    let before = residentKilobytes()
    var state = AppState(context: TerminalBench.context)
    _ = state.handle(.resized(rows: 40, columns: 120))
    for start in stride(from: 0, to: 10_000, by: 100) {
      let page = BenchData.documents(range: start..<start + 100)
      let text = Array(JSONValue.array(page.map(JSONValue.object)).compactText.utf8)
      let documents = (try? JSONValue(parsing: text).arrayValue) ?? []
      let mappings = documents.compactMap {
        $0.objectValue.flatMap { try? EventSourceMapping(document: $0) }
      }
      _ = state.handle(.page(mappings))
    }
    _ = state.handle(.loaded)
    Renderer(glyphs: .unicode, now: Date()).draw(state, on: MemoryScreen(rows: 40, columns: 120))
    let after = residentKilobytes()
    print(
      String(
        format:
          "resident-memory-10000-mappings: %.1f MB resident with %d mappings loaded (process before loading: %.1f MB)",
        Double(after) / 1024, state.mappings.count, Double(before) / 1024))
  }

  /// VmRSS from /proc/self/status, in kilobytes (0 where there is no /proc).
  static func residentKilobytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
    else { return 0 }
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
  }
}

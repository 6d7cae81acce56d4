import Foundation
import Testing

/// The real binary in tmux, on the demo account: what an operator would see and type.
@Suite(
  .enabled(
    if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux"), "tmux is not installed"))
struct TUITests {
  static let utf8 = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"]
  /// The list's column header, on no other screen.
  static let listHeader = " ST FUNCTION "

  /// Filter, open a form, jump to BatchSize, refuse an invalid value, queue a valid one, check the
  /// diff names exactly that field, apply, and see the row change.
  @Test(arguments: [(80, 24), (120, 40)])
  func editQueueAndApply(_ columns: Int, _ rows: Int) throws {
    let tmux = try TmuxSession(columns: columns, rows: rows, environment: Self.utf8)
    try tmux.startSluice("--demo")
    try tmux.edit("batchsize", of: "orders-worker", to: "0", kind: "SQS standard queues")
    var screen = try tmux.waitFor("BatchSize 0 is not allowed")
    #expect(screen[1].contains("orders-worker"))
    #expect(screen.contains { $0.contains("▸ BatchSize") && $0.contains("✖") })
    try tmux.press("Enter", "w", until: "Not queued: BatchSize")
    try tmux.retype("7", in: "batchsize")
    try tmux.press("Enter", "w", until: "Queued an edit of 1 field to orders-worker")
    screen = try tmux.press("Q", until: "PUT /2015-03-31/event-source-mappings/")
    let diff = screen.filter { $0.hasPrefix(" - ") || $0.hasPrefix(" + ") }
    #expect(diff == [" - BatchSize: 10", " + BatchSize: 7"])
    #expect(screen.text.contains(#"body {"BatchSize":7}"#))
    try tmux.press("Enter", until: "Apply edit")
    try tmux.press("y", until: "Applied the edit to orders-worker")
    // The status bar says "0 queued" already: the list's header is what Escape brings.
    screen = try tmux.press("Escape", until: Self.listHeader)
    #expect(screen[0].contains("0 queued"))
    #expect(screen.contains { $0.contains("orders-worker") && $0.contains(" 7 ") })
    try tmux.press("Escape", "q")
    try tmux.waitForShell()
    try tmux.run("echo shell-ok-$((20+22))")
    try tmux.waitFor("shell-ok-42")
  }

  /// p asks (naming function and source), Enter cancels, y pauses, and the row follows the state.
  @Test func pauseAsksAndFollowsTheState() throws {
    let tmux = try TmuxSession(columns: 80, rows: 24, environment: Self.utf8)
    try tmux.startSluice("--demo")
    var screen = try tmux.press("p", until: "Pause mapping")
    #expect(screen.text.contains("Stop orders-worker reading from SQS orders?"))
    screen = try tmux.press("Enter", untilGone: "Pause mapping")
    #expect(screen[3].hasPrefix(" ●"))
    try tmux.press("p", "y", until: "Disabling")
    try tmux.waitFor("orders-worker is now Disabling")
    screen = try tmux.waitFor(" ○  orders-worker", seconds: 8)
    #expect(screen[3].hasPrefix(" ○  orders-worker"))
    try tmux.press("q")
    try tmux.waitForShell()
  }

  /// `?` lists the keys; a resize redraws; below 80x24 a clear message; q quits cleanly.
  @Test func helpResizeAndQuit() throws {
    let tmux = try TmuxSession(columns: 100, rows: 30, environment: Self.utf8)
    try tmux.startSluice("--demo")
    // The box's last line, so the whole overlay has been drawn.
    var screen = try tmux.press("?", until: "Nothing is sent without a y.")
    #expect(screen.text.contains("Keys") && screen.text.contains("up one row"))
    try tmux.press("x", untilGone: "Nothing is sent without a y.")
    try tmux.resize(columns: 70, rows: 20)
    screen = try tmux.waitFor("Sluice needs at least 80x24.")
    #expect(screen.text.contains("This terminal is 70x20."))
    try tmux.resize(columns: 120, rows: 40)
    try tmux.waitUntil("the list drawn 120 columns wide") {
      $0.count > 1 && $0[1].hasSuffix("32 of 32") && $0[1].count > 110
    }
    try tmux.press("q")
    try tmux.waitForShell()
    try tmux.run("stty -a | grep -o -- '-\\?icanon' ; echo done-$((1+1))")
    screen = try tmux.waitFor("done-2")
    #expect(screen.contains("icanon"))
  }

  /// A plain vt100 in the C locale: ASCII glyphs only, still usable.
  @Test func plainVT100() throws {
    let tmux = try TmuxSession(
      columns: 80, rows: 24, environment: ["LANG": "C", "LC_ALL": "C", "TERM": "vt100"])
    try tmux.run("NO_COLOR=1 \(Sluice.binary.path) --demo")
    let screen = try tmux.waitFor("32 of 32")
    #expect(screen.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
    #expect(screen[0].hasPrefix(" sluice | demo | us-east-1"))
    #expect(screen[3].hasPrefix(" E  orders-worker"))
    try tmux.press("q")
    try tmux.waitForShell()
  }

  /// `e` hands a filter pattern to $EDITOR as JSON and takes back what it wrote.
  @Test func editorEditsAFilterPattern() throws {
    let editor = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sluice-editor-\(UUID().uuidString).sh"
    ).path
    try "#!/bin/sh\nprintf '{\"body\": {\"kind\": [\"refund\"]}}' > \"$1\"\n".write(
      toFile: editor, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor)
    defer { try? FileManager.default.removeItem(atPath: editor) }
    let tmux = try TmuxSession(
      columns: 120, rows: 40, environment: Self.utf8.merging(["EDITOR": "/bin/sh \(editor)"]) { $1 }
    )
    try tmux.startSluice("--demo")
    try tmux.press("Enter", until: "Fields for SQS standard queues")
    try tmux.jump(to: "pattern")
    try tmux.press("e", until: "Took the edited FilterCriteria.Filters[].Pattern")
    let screen = try tmux.press("w", "Q", until: "PUT /2015-03-31/event-source-mappings/")
    #expect(
      screen.contains(
        #" + FilterCriteria.Filters[0].Pattern: "{\"body\":{\"kind\":[\"refund\"]}}""#))
    try tmux.press("Escape", "q", "y")
    try tmux.waitForShell()
  }

  /// SIGTERM ends the program and gives the shell back a working terminal.
  @Test func terminationRestoresTheTerminal() throws {
    let tmux = try TmuxSession(columns: 80, rows: 24, environment: Self.utf8)
    let marker = "term-\(UUID().uuidString.prefix(8))"
    try tmux.run("\(Sluice.binary.path) --demo --profile \(marker); echo status-$?")
    try tmux.waitFor("32 of 32")
    let kill = Process()
    kill.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    kill.arguments = ["pkill", "-TERM", "-f", marker]
    try kill.run()
    kill.waitUntilExit()
    // The typed command itself shows "status-$?", so wait for the number the shell prints.
    try tmux.waitFor("status-143")
    try tmux.run("stty -a | grep -o -- '-\\?echo ' ; echo done-$((1+1))")
    let modes = try tmux.waitFor("done-2")
    #expect(modes.contains("echo") && !modes.contains("-echo"))
  }
}

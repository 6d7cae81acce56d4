import Foundation
import SluiceModel
import SluiceTerminal
import Testing

@testable import SluiceApp

/// Screens rendered into memory, read back as text.
struct RendererTests {
  static let now = Date(timeIntervalSince1970: 1_764_316_800)

  static func render(
    _ state: AppState, rows: Int = 24, columns: Int = 80, glyphs: Glyphs = .unicode
  )
    -> MemoryScreen
  {
    var state = state
    _ = state.handle(.resized(rows: rows, columns: columns))
    let screen = MemoryScreen(rows: rows, columns: columns)
    Renderer(glyphs: glyphs, now: now).draw(state, on: screen)
    return screen
  }

  @Test func listAt80x24() {
    let screen = Self.render(AppStateTests.loaded())
    let lines = screen.lines
    #expect(
      lines[0].hasPrefix(
        " sluice │ prod │ us-east-1 │ 32 mappings │ 0 queued │ lambda.us-east-1.amazonaw…"))
    #expect(lines[1].hasSuffix("32 of 32"))
    #expect(lines[2].hasPrefix(" ST FUNCTION"))
    #expect(
      lines[3].contains("orders-worker") && lines[3].contains("SQS") && lines[3].hasPrefix(" ●"))
    #expect(lines[23].hasPrefix(" ↑↓ move  / filter"))
    var marked = AppStateTests.loaded()
    AppStateTests.type([.character(" ")], into: &marked)
    let markedScreen = Self.render(marked)
    #expect(markedScreen.lines[3].hasPrefix("✓●"))
    #expect(markedScreen.lines[0].contains("│ 1 marked"))
    #expect(lines.allSatisfy { TextLayout.width($0) <= 80 })
    #expect(screen.style(row: 3, column: 4) == Style(reverse: true))
    #expect(screen.style(row: 3, column: 1).role == .enabled)
  }

  @Test func windowsWithoutAValueShowTheDefaultForTheKind() {
    let lines = Self.render(AppStateTests.loaded(), rows: 40, columns: 120).lines
    let msk = try! #require(lines.first { $0.contains("orders-billing ") })
    #expect(msk.contains(" 0.5s "))
    let fifo = try! #require(lines.first { $0.contains("orders-sequencer ") })
    #expect(fifo.contains("      - "))
  }

  @Test func problemAndDisabledRowsAreMarked() {
    let screen = Self.render(AppStateTests.loaded())
    let problem = try! #require(screen.lines.firstIndex { $0.contains("PROBLEM") })
    #expect(screen.lines[problem].hasPrefix(" ✖"))
    #expect(screen.style(row: problem, column: 1).role == .problem)
    let paused = try! #require(screen.lines.firstIndex { $0.hasPrefix(" ○") })
    #expect(screen.style(row: paused, column: 1).role == .disabled)
  }

  @Test func asciiGlyphsForPlainTerminals() {
    var state = AppStateTests.loaded()
    AppStateTests.type([.character("p")], into: &state)
    let screen = Self.render(state, glyphs: .ascii)
    #expect(screen.lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
    #expect(screen.lines.contains { $0.contains("+ Pause mapping ---") })
  }

  @Test func readOnlyBadgeAndTooSmall() {
    let screen = Self.render(AppStateTests.loaded(readOnly: true))
    #expect(screen.lines[0].contains("│ 0 queued │ READ-ONLY │ lambda.us-eas…"))
    let small = Self.render(AppStateTests.loaded(), rows: 23, columns: 80)
    #expect(small.lines[0] == "Sluice needs at least 80x24.")
    #expect(small.lines[1] == "This terminal is 80x23.")
  }

  @Test func formShowsHelpAndTheFindingBesideTheField() {
    var state = AppStateTests.loaded()
    AppStateTests.type(
      [.enter, .character("/")] + AppStateTests.text("batchsize") + [.enter, .enter, .control("u")]
        + AppStateTests.text("50"), into: &state)
    let wide = Self.render(state, rows: 40, columns: 120)
    let text = wide.lines.joined(separator: "\n")
    #expect(wide.lines[1].contains("orders-worker") && wide.lines[1].hasSuffix("● Enabled"))
    #expect(text.contains("Allowed for SQS standard queues: 1 to"))
    #expect(text.contains("│ ✖ BatchSize 50 needs"))
    let row = try! #require(wide.lines.firstIndex { $0.contains("▸ BatchSize") })
    #expect(wide.lines[row].contains("50▌"))
    #expect(wide.lines[row].contains("✖"))
    let narrow = Self.render(state)
    #expect(narrow.lines.joined().contains("BatchSize: Batch size"))
  }

  @Test func queueShowsTheExactRequest() {
    var state = AppStateTests.loaded()
    AppStateTests.type(
      [.enter, .character("/")] + AppStateTests.text("batchsize") + [.enter, .enter, .control("u")]
        + AppStateTests.text("5") + [.enter, .character("w"), .character("Q")], into: &state)
    let lines = Self.render(state).lines
    let uuid = state.queue[0].mapping.uuid
    #expect(lines[1] == " Queue │ 1 edit on 1 mapping")
    #expect(lines.contains(" PUT /2015-03-31/event-source-mappings/\(uuid)"))
    #expect(lines.contains(" - BatchSize: 10"))
    #expect(lines.contains(" + BatchSize: 5"))
    #expect(lines.contains(#" body {"BatchSize":5}"#))
    #expect(lines[2].hasPrefix(" ▸ orders-worker"))
  }

  @Test func untrustedNamesNeverReachTheScreenRaw() {
    var state = AppState(context: AppStateTests.context)
    let evil = try! EventSourceMapping(document: [
      "UUID": "u-1", "State": "Enabled", "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:q",
      "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:fn\u{1B}]0;owned\u{07}",
    ])
    _ = state.handle(.page([evil]))
    let lines = Self.render(state).lines
    #expect(lines[3].contains("fn^[]0;owned^G"))
    #expect(!lines.joined().contains("\u{1B}"))
  }

  @Test func relativeTimes() {
    #expect(Renderer.relative(Self.now.addingTimeInterval(-30), now: Self.now) == "just now")
    #expect(Renderer.relative(Self.now.addingTimeInterval(-7200), now: Self.now) == "2h ago")
    #expect(Renderer.relative(Self.now.addingTimeInterval(-86400 * 3), now: Self.now) == "3d ago")
    #expect(Renderer.relative(Self.now.addingTimeInterval(-86400 * 30), now: Self.now) == "4w ago")
  }

  @Test func layoutHelpers() {
    #expect(TextLayout.elideMiddle("orders-really-long.fifo", 12, ellipsis: "…") == "orders….fifo")
    #expect(TextLayout.fit("abc", 5, ellipsis: "…") == "abc  ")
    #expect(TextLayout.fit("abcdef", 4, ellipsis: "…") == "abc…")
    #expect(TextLayout.wrap("one two three four", 9) == ["one two", "three", "four"])
  }
}

extension RendererTests {
  /// Nested members sit under their parent's name, so every label is whole and distinct at 80
  /// and 100 columns (they once both read `ProvisionedPollerConfig.M…`).
  @Test(arguments: [80, 100])
  func nestedFieldsShowUnderTheirMember(columns: Int) {
    var state = AppStateTests.loaded()
    AppStateTests.type([.enter], into: &state)
    let lines = Self.render(state, rows: 70, columns: columns).lines
    let member = try! #require(lines.firstIndex { $0.hasPrefix("   ProvisionedPollerConfig") })
    #expect(lines[member + 1].contains("MinimumPollers"))
    #expect(lines[member + 2].contains("MaximumPollers"))
    #expect(!lines.contains { $0.contains("ProvisionedPollerConfig.M") })
    let labels = lines.compactMap { line -> String? in
      let label = line.dropFirst(1).prefix(34).trimmingCharacters(in: .whitespaces)
      return label.isEmpty ? nil : label
    }
    #expect(!labels.contains { $0.hasSuffix("…") }, "\(labels)")
  }
}

import SluiceModel
import SluiceTerminal
import Testing

@testable import SluiceApp

struct ExternalTextTests {
  static let patterns = FieldCatalogue.field(at: "FilterCriteria.Filters[].Pattern")!

  static func draft(_ patterns: [String]) -> Draft {
    let mapping = try! EventSourceMapping(document: [
      "UUID": "u", "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:q",
      "FilterCriteria": ["Filters": .array(patterns.map { ["Pattern": .string($0)] })],
    ])
    return Draft(mapping: mapping)
  }

  @Test func patternsAreEditedAsTheJSONTheyHold() throws {
    let one = ExternalText.text(for: Self.patterns, in: Self.draft([#"{"body":{"a":["b"]}}"#]))
    #expect(one == "{\n  \"body\": {\n    \"a\": [\n      \"b\"\n    ]\n  }\n}")
    let two = ExternalText.text(for: Self.patterns, in: Self.draft([#"{"a":[1]}"#, #"{"b":[2]}"#]))
    #expect(two?.hasPrefix("[\n  {\n    \"a\"") == true)
    #expect(try ExternalText.value(one!, for: Self.patterns) == [#"{"body":{"a":["b"]}}"#])
    #expect(
      try ExternalText.value(#"[{"a":[1]}, {"b":[2]}]"#, for: Self.patterns) == [
        #"{"a":[1]}"#, #"{"b":[2]}"#,
      ])
    #expect(try ExternalText.value("  \n", for: Self.patterns) == nil)
    #expect(throws: Assignment.Unreadable.self) {
      try ExternalText.value("{not json", for: Self.patterns)
    }
  }

  @Test func numbersAndChoicesAreEditedInPlace() {
    #expect(
      ExternalText.text(for: FieldCatalogue.field(at: "BatchSize")!, in: Self.draft([])) == nil)
    #expect(ExternalText.text(for: FieldCatalogue.field(at: "Enabled")!, in: Self.draft([])) == nil)
  }

  @Test func theFormTakesTheEditorsTextOrSaysWhyNot() throws {
    var state = AppStateTests.loaded()
    AppStateTests.type(
      [.enter, .character("/")] + AppStateTests.text("pattern") + [.enter], into: &state)
    let effects = AppStateTests.type([.character("e")], into: &state)
    #expect(effects == [.openEditor(text: "[]")])
    _ = state.handle(.edited(#"{"body": {"kind": ["A"]}}"#))
    #expect(
      AppStateTests.form(state)?.draft.updateBody == [
        "FilterCriteria": ["Filters": [["Pattern": #"{"body":{"kind":["A"]}}"#]]]
      ])
    _ = state.handle(.edited("{broken"))
    #expect(state.message?.kind == .error)
    _ = state.handle(.edited(nil))
    #expect(state.message?.text == "The editor did not finish; nothing changed.")
    AppStateTests.type([.character("/")] + AppStateTests.text("batchsize") + [.enter], into: &state)
    #expect(AppStateTests.type([.character("e")], into: &state).isEmpty)
  }
}

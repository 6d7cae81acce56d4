import SluiceModel
import Testing

struct JSONValueTests {
  @Test func roundTripsEveryKindOfValue() throws {
    let text = #"{"a":[1,2.5,true,null,"s"],"b":{"c":-3},"d":1e300}"#
    let value = try JSONValue(parsing: text)
    #expect(value.objectValue?["a"] == [1, .number(2.5), true, .null, "s"])
    #expect(try JSONValue(parsing: value.compactText) == value)
  }

  @Test func writesSortedKeysAndEscapes() {
    let value: JSONValue = ["z": 1, "a": "quote\" back\\ nl\n tab\t bell\u{7} é"]
    #expect(value.compactText == #"{"a":"quote\" back\\ nl\n tab\t bell\u0007 é","z":1}"#)
    #expect(JSONValue.object(["k": [1]]).prettyText == "{\n  \"k\": [\n    1\n  ]\n}")
    #expect(JSONValue.array([]).prettyText == "[]")
  }

  @Test func wholeDoublesPrintWithoutFraction() {
    #expect(JSONValue.number(1_573_243_620.0).compactText == "1573243620")
    #expect(JSONValue.number(1_569_284_520.333).compactText == "1569284520.333")
    #expect(JSONValue.number(.nan).compactText == "null")
    #expect(JSONValue.number(3.0).integerValue == 3)
    #expect(JSONValue.number(3.5).integerValue == nil)
  }
}

struct JSONParserTests {
  @Test func readsEveryKindOfValueAndEscape() throws {
    let value = try JSONValue(
      parsing:
        #" {"a": [1, -0, 2.5, 1e3, 12345678901234567890, true, false, null], "s": "q\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00", "e": {}, "l": []} "#
    )
    #expect(
      value
        == .object([
          "a": [
            .integer(1), .integer(0), .number(2.5), .number(1000), .number(12345678901234567890),
            true, false, .null,
          ],
          "s": .string("q\"\\/\u{08}\u{0C}\n\r\t\u{e9}\u{1F600}"), "e": .object([:]),
          "l": .array([]),
        ]))
    #expect(
      JSONValue.integer(5) == .number(5.0) && Set([JSONValue.integer(5), .number(5)]).count == 1)
  }

  @Test(arguments: [
    "", " ", "{", "[1,]", "{\"a\":1,}", "{a:1}", "01", "1.", "-", "1e", "tru", "nul", "\"abc",
    "\"a\u{01}b\"", "\"\\x\"", "\"\\u12\"", "[1] 2", "1e999", "{\"a\" 1}",
  ])
  func refusesWhatIsNotJSON(_ text: String) {
    #expect(throws: (any Error).self) { _ = try JSONValue(parsing: text) }
  }

  @Test func refusesNestingBeyondTheLimitWithoutCrashing() throws {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(throws: (any Error).self) { _ = try JSONValue(parsing: deep) }
    let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
    #expect(try JSONValue(parsing: fine).arrayValue != nil)
  }
}

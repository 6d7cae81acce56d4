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

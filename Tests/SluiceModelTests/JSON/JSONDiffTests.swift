import SluiceModel
import Testing

struct JSONDiffTests {
  @Test func oneLinePerChangedLeafInSortedOrder() {
    let before: JSONValue = [
      "b": 1, "a": ["x": 1, "y": [1, 2]], "same": "s", "gone": ["k": true],
    ]
    let after: JSONValue = ["b": 2, "a": ["x": 1, "y": [1, 3, 4]], "same": "s", "new": "n"]
    #expect(
      JSONDiff.lines(from: before, to: after).map(\.text) == [
        "~ a.y[1]: 2 -> 3",
        "+ a.y[2]: 4",
        "~ b: 1 -> 2",
        "- gone.k: true",
        "+ new: \"n\"",
      ])
  }

  @Test func typeChangesAndEmptyContainersAreLeaves() {
    let lines = JSONDiff.lines(from: ["a": ["k": 1], "e": [:]], to: ["a": "flat"])
    #expect(lines.map(\.text) == [#"~ a: {"k":1} -> "flat""#, "- e: {}"])
  }

  @Test func identicalDocumentsHaveNoDiff() {
    let value: JSONValue = ["a": [1, ["b": .null]]]
    #expect(JSONDiff.lines(from: value, to: value).isEmpty)
  }
}

import SluiceModel
import Testing

struct FieldPathTests {
  @Test func parsesAndPrintsListSegments() {
    let path = FieldPath("FilterCriteria.Filters[].Pattern")
    #expect(path.segments == ["FilterCriteria", "Filters", "[]", "Pattern"])
    #expect(path.description == "FilterCriteria.Filters[].Pattern")
    #expect(path.member == "FilterCriteria")
    #expect(path.leaf == "Pattern")
  }

  @Test func readsAndWritesNestedValues() {
    let object: [String: JSONValue] = ["A": ["B": 1, "C": 2]]
    #expect(FieldPath("A.B").value(in: object) == 1)
    #expect(FieldPath("A.Z").value(in: object) == nil)
    #expect(FieldPath("A.B").setting(3, in: object) == ["A": ["B": 3, "C": 2]])
    #expect(FieldPath("A.B").setting(nil, in: object) == ["A": ["C": 2]])
    #expect(FieldPath("X.Y").setting("v", in: [:]) == ["X": ["Y": "v"]])
  }

  @Test func listSegmentsKeepOtherMembersOfExistingElements() {
    let object: [String: JSONValue] = ["L": [["P": "a", "Q": 1], ["P": "b"]]]
    let written = FieldPath("L[].P").setting(["z"], in: object)
    #expect(written == ["L": [["P": "z", "Q": 1]]])
  }
}

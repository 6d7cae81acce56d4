import SluiceApp
import SluiceModel
import Testing

struct AssignmentTests {
  static let cases: [(String, String, JSONValue)] = [
    ("BatchSize=20", "BatchSize", .integer(20)),
    ("Enabled=FALSE", "Enabled", .bool(false)),
    ("FunctionName=orders-v2", "FunctionName", .string("orders-v2")),
    (
      "FunctionResponseTypes=ReportBatchItemFailures", "FunctionResponseTypes",
      ["ReportBatchItemFailures"]
    ),
    ("MetricsConfig.Metrics=[\"EventCount\"]", "MetricsConfig.Metrics", ["EventCount"]),
    (
      #"FilterCriteria.Filters[].Pattern={"body":{"a":["b"]}}"#, "FilterCriteria.Filters[].Pattern",
      [#"{"body":{"a":["b"]}}"#]
    ),
    (
      #"FilterCriteria.Filters[].Pattern=["{\"a\":[1]}","{\"b\":[2]}"]"#,
      "FilterCriteria.Filters[].Pattern", [#"{"a":[1]}"#, #"{"b":[2]}"#]
    ),
    (
      #"SourceAccessConfigurations=[{"Type":"BASIC_AUTH","URI":"arn:x"}]"#,
      "SourceAccessConfigurations", [["Type": "BASIC_AUTH", "URI": "arn:x"]]
    ),
  ]

  @Test(arguments: cases)
  func readsValuesByFieldType(_ text: String, _ path: String, _ value: JSONValue) throws {
    let assignment = try Assignment(parsing: text)
    #expect(assignment.path == FieldPath(path))
    #expect(assignment.value == value)
  }

  @Test func emptyValueClears() throws {
    let assignment = try Assignment(parsing: "ScalingConfig.MaximumConcurrency=")
    #expect(assignment.value == nil)
  }

  @Test(arguments: [
    ("BatchSize", "expected Field=Value"),
    ("Batch=5", "Batch is not an updatable field"),
    ("BatchSize=ten", "BatchSize takes a whole number"),
    ("Enabled=yes", "Enabled takes true or false"),
    ("SourceAccessConfigurations=BASIC_AUTH", "takes JSON"),
  ])
  func refusesWhatItCannotRead(_ text: String, _ reason: String) {
    do {
      _ = try Assignment(parsing: text)
      Issue.record("expected \(reason)")
    } catch {
      #expect(String(describing: error).hasPrefix("--set \(text): "))
      #expect(String(describing: error).contains(reason))
    }
  }
}

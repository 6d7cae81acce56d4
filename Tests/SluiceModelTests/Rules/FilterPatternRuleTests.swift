import SluiceModel
import Testing

struct FilterPatternRuleTests {
  static func body(_ patterns: [String]) -> [String: JSONValue] {
    ["FilterCriteria": ["Filters": .array(patterns.map { ["Pattern": .string($0)] })]]
  }

  @Test(arguments: [
    #"{"body": {"kind": ["order"]}}"#,
    #"{"data": {"amount": [{"numeric": [">", 10, "<=", 20]}]}}"#,
    #"{"body": {"id": [{"exists": false}], "region": [{"prefix": "us-"}]}}"#,
    #"{"body": {"state": [{"anything-but": ["done", "failed"]}], "n": [null, "", 3, true]}}"#,
    #"{"dynamodb": {"Keys": {"Id": {"N": ["101"]}}}, "eventName": ["INSERT", "MODIFY"]}"#,
    #"{"body": {"name": [{"equals-ignore-case": "alice"}, {"suffix": ".png"}]}}"#,
  ])
  func acceptsDocumentedPatterns(_ pattern: String) {
    #expect(Fixtures.findings(.sqsStandard, Self.body([pattern])).isEmpty)
  }

  @Test(arguments: [
    ("null", "must be a JSON object"),
    ("simple string", "not valid JSON"),
    (#"{"eventSource": "aws:sqs"}"#, "must be a list of values"),
    (#"{"eventSource": []}"#, "empty list"),
    (#"[{"eventName": ["INSERT"=123}]"#, "not valid JSON"),
    (#"{"a": [{"numeric": ["<", "ten"]}]}"#, "numeric takes"),
    (#"{"a": [{"numeric": [">", 20, "<", 10]}]}"#, "low bound below"),
    (#"{"a": [{"numeric": ["<", 20, ">", 10]}]}"#, "range starts with"),
    (#"{"a": [{"exists": "yes"}]}"#, "exists takes true or false"),
    (#"{"a": [{"anything-but": ["x", 1]}]}"#, "all strings or all numbers"),
    (#"{"a": [{"prefix": 5}]}"#, "prefix takes a string"),
    (#"{"a": [{"contains": "x"}]}"#, "must be one operator"),
    (#"{"a": [{"prefix": "x", "suffix": "y"}]}"#, "must be one operator"),
    (#"{"a": [["x"]]}"#, "list inside a list"),
  ])
  func refusesMalformedPatternsSayingWhy(_ pattern: String, _ reason: String) {
    let errors = Fixtures.errors(.kinesis, Self.body([pattern]))
    #expect(errors.count == 1, "\(pattern): \(errors)")
    #expect(errors.first?.rule == "filter-pattern")
    #expect(errors.first?.path == "FilterCriteria.Filters[0].Pattern")
    #expect(errors.first?.message.contains(reason) == true, "\(errors)")
    #expect(errors.first?.message.contains("Invalid filter pattern definition.") == true)
  }

  @Test func flagsOperatorsNotDocumentedForLambda() {
    let patterns = [
      #"{"$or": [{"a": ["x"]}, {"b": ["y"]}]}"#,
      #"{"a": [{"wildcard": "orders-*"}]}"#,
      #"{"ip": [{"cidr": "10.0.0.0/24"}]}"#,
      #"{"a": [{"anything-but": {"prefix": "init"}}]}"#,
    ]
    let findings = Fixtures.findings(.sqsStandard, Self.body(patterns))
    #expect(findings.allSatisfy { $0.severity == .warning })
    #expect(
      findings.map(\.rule) == [
        "unconfirmed-operator", "unconfirmed-operator", "unconfirmed-operator", "bus-only-operator",
      ])
    #expect(findings.map(\.path) == (0..<4).map { "FilterCriteria.Filters[\($0)].Pattern" })
  }

  @Test func wildcardAndCidrOperandsAreChecked() {
    let errors = Fixtures.errors(
      .sqsStandard,
      Self.body([
        #"{"a": [{"wildcard": "a**b"}]}"#, #"{"ip": [{"cidr": "10.0.0.300/24"}]}"#,
        #"{"ip": [{"cidr": "2001:db8::/129"}]}"#, #"{"a": [{"wildcard": "a\\b"}]}"#,
      ]))
    #expect(errors.count == 4)
    #expect(
      Fixtures.errors(.sqsStandard, Self.body([#"{"ip": [{"cidr": "2001:db8::/32"}]}"#])).isEmpty)
  }

  @Test func patternLengthLimitIs4096() {
    let filler = String(repeating: "x", count: 4096 - #"{"a": [""]}"#.count)
    let exact = #"{"a": [""# + filler + #""]}"#
    #expect(exact.count == 4096)
    #expect(Fixtures.errors(.sqsStandard, Self.body([exact])).isEmpty)
    let over = #"{"a": [""# + filler + #"x"]}"#
    #expect(Fixtures.errors(.sqsStandard, Self.body([over])).map(\.rule) == ["pattern-length"])
  }

  @Test(arguments: [
    (5, [String]()), (6, ["filter-quota"]), (10, ["filter-quota"]), (11, ["filter-count"]),
  ])
  func filterCountQuota(_ count: Int, _ rules: [String]) {
    let patterns = (0..<count).map { #"{"body": {"n": ["\#($0)"]}}"# }
    #expect(Fixtures.findings(.kinesis, Self.body(patterns)).map(\.rule) == rules)
  }

  @Test func documentDBTakesNoFilters() {
    let errors = Fixtures.errors(.documentDB, Self.body([#"{"a": ["x"]}"#]))
    #expect(errors.map(\.rule) == ["not-for-kind"])
    #expect(errors.first?.path == "FilterCriteria.Filters[].Pattern")
  }
}

import SluiceModel
import Testing

/// Boundary values on both sides of every whole-number limit, per source kind, as the facts file
/// gives them (not read back from the catalogue, so a wrong catalogue entry fails here).
struct IntegerRangeRuleTests {
  struct Case: CustomTestStringConvertible, Sendable {
    let path: String
    let kinds: [SourceKind]
    let valid: [Int]
    let invalid: [Int]
    var testDescription: String { "\(path) on \(kinds.map(\.shortName).joined(separator: ","))" }
  }

  static let streamsAndKafka: [SourceKind] = [.kinesis, .dynamoDBStreams, .msk, .selfManagedKafka]
  static let notFIFO: [SourceKind] = SourceKind.allCases.filter { $0 != .sqsFIFO }

  static let cases: [Case] = [
    Case(path: "BatchSize", kinds: [.sqsFIFO], valid: [1, 10], invalid: [0, 11]),
    Case(path: "BatchSize", kinds: notFIFO, valid: [1, 10, 11, 10000], invalid: [0, 10001]),
    Case(
      path: "MaximumBatchingWindowInSeconds", kinds: notFIFO, valid: [0, 1, 300],
      invalid: [-1, 301]),
    Case(
      path: "MaximumRecordAgeInSeconds", kinds: streamsAndKafka, valid: [-1, 60, 604800],
      invalid: [-2, 0, 59, 604801]),
    Case(
      path: "MaximumRetryAttempts", kinds: streamsAndKafka, valid: [-1, 0, 10000],
      invalid: [-2, 10001]),
    Case(
      path: "ParallelizationFactor", kinds: [.kinesis, .dynamoDBStreams], valid: [1, 10],
      invalid: [0, 11]),
    Case(
      path: "TumblingWindowInSeconds", kinds: [.kinesis, .dynamoDBStreams], valid: [0, 900],
      invalid: [-1, 901]),
    Case(
      path: "ScalingConfig.MaximumConcurrency", kinds: [.sqsStandard, .sqsFIFO], valid: [2, 1000],
      invalid: [1, 1001]),
    Case(
      path: "ProvisionedPollerConfig.MinimumPollers", kinds: [.sqsStandard, .sqsFIFO],
      valid: [2, 200],
      invalid: [1, 201]),
    Case(
      path: "ProvisionedPollerConfig.MinimumPollers", kinds: [.msk, .selfManagedKafka],
      valid: [1, 200],
      invalid: [0, 201]),
    Case(
      path: "ProvisionedPollerConfig.MaximumPollers", kinds: [.sqsStandard, .sqsFIFO],
      valid: [2, 2000],
      invalid: [1, 2001]),
    Case(
      path: "ProvisionedPollerConfig.MaximumPollers", kinds: [.msk, .selfManagedKafka],
      valid: [1, 2000],
      invalid: [0, 2001]),
  ]

  static func body(_ path: String, _ value: Int, kind: SourceKind) -> [String: JSONValue] {
    var body = FieldPath(path).setting(.integer(value), in: [:])
    // Keep SQS standard batches above 10 legal, so only the range rule is under test.
    if kind == .sqsStandard, path == "BatchSize" { body["MaximumBatchingWindowInSeconds"] = 1 }
    return body
  }

  @Test(arguments: cases)
  func acceptsValuesInsideTheRange(_ rule: Case) {
    for kind in rule.kinds {
      for value in rule.valid {
        let errors = Fixtures.errors(kind, Self.body(rule.path, value, kind: kind))
        #expect(errors.isEmpty, "\(rule.path)=\(value) on \(kind): \(errors)")
      }
    }
  }

  @Test(arguments: cases)
  func refusesValuesOutsideTheRangeNamingFieldAndLimits(_ rule: Case) {
    for kind in rule.kinds {
      for value in rule.invalid {
        let errors = Fixtures.errors(kind, Self.body(rule.path, value, kind: kind))
        #expect(errors.count == 1, "\(rule.path)=\(value) on \(kind): \(errors)")
        #expect(errors.first?.path == rule.path)
        #expect(errors.first?.rule == "range")
        #expect(errors.first?.message.contains("\(rule.path) \(value)") == true)
        #expect(errors.first?.message.contains(" to ") == true)
      }
    }
  }

  @Test func recordAgeMessageNamesBothAllowedForms() {
    let errors = Fixtures.errors(.kinesis, ["MaximumRecordAgeInSeconds": 30])
    #expect(
      errors.map(\.message) == [
        "MaximumRecordAgeInSeconds 30 is not allowed for Kinesis streams: use -1 or 60 to 604800."
      ])
  }

  @Test func fifoBatchLimitIsTen() {
    let errors = Fixtures.errors(.sqsFIFO, ["BatchSize": 11])
    #expect(
      errors.first?.message == "BatchSize 11 is not allowed for SQS FIFO queues: use 1 to 10.")
  }

  @Test(arguments: [
    ("MaximumBatchingWindowInSeconds", SourceKind.sqsFIFO),
    ("MaximumRecordAgeInSeconds", .sqsStandard),
    ("MaximumRetryAttempts", .amazonMQ),
    ("ParallelizationFactor", .msk),
    ("TumblingWindowInSeconds", .sqsStandard),
    ("ScalingConfig.MaximumConcurrency", .kinesis),
    ("ProvisionedPollerConfig.MinimumPollers", .kinesis),
    ("ProvisionedPollerConfig.MaximumPollers", .documentDB),
    ("BisectBatchOnFunctionError", .sqsFIFO),
  ])
  func refusesFieldsThatDoNotApplyToTheKind(_ path: String, _ kind: SourceKind) {
    let value: JSONValue = path == "BisectBatchOnFunctionError" ? true : 5
    let errors = Fixtures.errors(kind, FieldPath(path).setting(value, in: [:]))
    #expect(errors.map(\.rule) == ["not-for-kind"])
    #expect(errors.first?.path == path)
    #expect(errors.first?.message.contains(kind.displayName) == true)
  }

  @Test func refusesNonWholeNumbers() {
    let errors = Fixtures.errors(
      .kinesis, ["BatchSize": "ten", "ParallelizationFactor": .number(1.5)])
    #expect(errors.map(\.rule) == ["type", "type"])
    #expect(errors.map(\.path).sorted() == ["BatchSize", "ParallelizationFactor"])
  }
}

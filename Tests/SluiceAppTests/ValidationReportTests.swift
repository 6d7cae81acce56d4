import SluiceApp
import SluiceModel
import Testing

struct ValidationReportTests {
  static let mapping = try! EventSourceMapping(document: [
    "UUID": "u-1", "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:orders",
    "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:f", "BatchSize": 10,
    "State": "Enabled",
  ])

  @Test func cleanChangeReportsDiffAndBody() {
    let report = ValidationReport(draft: Draft(mapping: Self.mapping, changes: ["BatchSize": 5]))
    #expect(report.exitCode == 0)
    #expect(
      report.text
        == "No problems found.\n\nChanges (1):\n  ~ BatchSize: 10 -> 5\n\nBody: {\"BatchSize\":5}")
    #expect(report.json.objectValue?["valid"] == true)
    #expect(
      report.json.objectValue?["diff"] == [
        ["path": "BatchSize", "op": "change", "old": 10, "new": 5]
      ])
  }

  @Test func errorsSetExitCodeAndAreCounted() {
    let report = ValidationReport(
      draft: Draft(mapping: Self.mapping, changes: ["BatchSize": 0, "Oops": 1]))
    #expect(report.exitCode == 1)
    #expect(report.text.hasPrefix("2 errors, 0 warnings:\n"))
    #expect(report.text.contains("\n  error BatchSize: BatchSize 0 is not allowed"))
    #expect(report.text.contains("\n  error Oops: Oops is not a member"))
    #expect(report.json.objectValue?["valid"] == false)
    #expect(report.json.objectValue?["findings"]?.arrayValue?.count == 2)
  }

  @Test func untrustedTextIsSanitised() {
    let report = ValidationReport(
      draft: Draft(mapping: Self.mapping, changes: ["evil\u{1B}[2J": 1]))
    #expect(!report.text.contains("\u{1B}"))
    #expect(report.text.contains("error evil^[[2J: evil^[[2J is not a member"))
  }

  @Test func noChangeSaysNothingWouldBeSent() {
    let report = ValidationReport(draft: Draft(mapping: Self.mapping, changes: ["BatchSize": 10]))
    #expect(report.text.contains("No changes: nothing would be sent."))
    #expect(report.body.isEmpty)
  }
}

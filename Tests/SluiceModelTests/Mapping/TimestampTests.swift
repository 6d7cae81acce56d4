import Foundation
import SluiceModel
import Testing

struct TimestampTests {
  func decode(_ json: String) throws -> Timestamp {
    try JSONDecoder().decode(Timestamp.self, from: Data(json.utf8))
  }

  @Test(arguments: [
    ("1569284520.333", 1_569_284_520.333),
    ("1573243620", 1_573_243_620),
    (#""2016-11-21T19:49:20.006+0000""#, 1_479_757_760.006),
    (#""2016-11-21T19:49:20Z""#, 1_479_757_760),
    (#""2016-11-21T21:49:20+02:00""#, 1_479_757_760),
    (#""2016-11-21T14:49:20.5-05:00""#, 1_479_757_760.5),
    (#""2000-02-29T00:00:00Z""#, 951_782_400),
  ])
  func decodesEpochSecondsAndISOText(_ json: String, _ seconds: Double) throws {
    #expect(abs(try decode(json).secondsSince1970 - seconds) < 0.0005)
  }

  @Test(arguments: [
    #""yesterday""#, #""2016-13-01T00:00:00Z""#, #""2016-11-21T19:49:20+5""#, "true",
  ])
  func refusesOtherText(_ json: String) {
    #expect(throws: DecodingError.self) { try decode(json) }
  }
}

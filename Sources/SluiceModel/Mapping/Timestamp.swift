import Foundation

/// A point in time as the Lambda API writes it.
///
/// The service sends epoch seconds, sometimes fractional (`1569284520.333`); old examples and some
/// emulators send ISO 8601 text (`2016-11-21T19:49:20.006+0000`). Both decode; encoding writes
/// epoch seconds, the form the API documents.
public struct Timestamp: Sendable, Hashable, Codable {
  /// Seconds since 1970-01-01T00:00:00Z.
  public var secondsSince1970: Double

  public init(secondsSince1970: Double) {
    self.secondsSince1970 = secondsSince1970
  }

  /// Reads epoch seconds or ISO 8601 text from a JSON value; nil for anything else.
  public init?(json: JSONValue) {
    switch json {
    case .integer(let seconds): self.init(secondsSince1970: Double(seconds))
    case .number(let seconds): self.init(secondsSince1970: seconds)
    case .string(let text):
      guard let seconds = Self.parseISO8601(text) else { return nil }
      self.init(secondsSince1970: seconds)
    default: return nil
    }
  }

  /// The same instant as a Foundation date.
  public var date: Date { Date(timeIntervalSince1970: secondsSince1970) }

  public init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let seconds = try? container.decode(Double.self) {
      self.init(secondsSince1970: seconds)
      return
    }
    let text = try container.decode(String.self)
    guard let seconds = Self.parseISO8601(text) else {
      throw DecodingError.dataCorruptedError(
        in: container,
        debugDescription: "expected epoch seconds or an ISO 8601 time, found \"\(text)\"")
    }
    self.init(secondsSince1970: seconds)
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(secondsSince1970)
  }

  /// Parses `YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM|±HHMM]`, returning epoch seconds.
  static func parseISO8601(_ text: String) -> Double? {
    let chars = Array(text.utf8)
    func number(_ range: Range<Int>) -> Int? {
      guard range.upperBound <= chars.count else { return nil }
      var value = 0
      for index in range {
        guard (48...57).contains(chars[index]) else { return nil }
        value = value * 10 + Int(chars[index] - 48)
      }
      return value
    }
    guard chars.count >= 19, chars[4] == 45, chars[7] == 45, chars[13] == 58, chars[16] == 58,
      chars[10] == 84 || chars[10] == 116 || chars[10] == 32,
      let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
      (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
    else { return nil }
    var index = 19
    var fraction = 0.0
    if index < chars.count, chars[index] == 46 {
      var scale = 0.1
      index += 1
      let start = index
      while index < chars.count, (48...57).contains(chars[index]) {
        fraction += Double(chars[index] - 48) * scale
        scale /= 10
        index += 1
      }
      guard index > start else { return nil }
    }
    guard let offset = parseOffset(chars[index...]) else { return nil }
    let days = daysSinceEpoch(year: year, month: month, day: day)
    let seconds = ((days * 24 + hour) * 60 + minute) * 60 + second - offset
    return Double(seconds) + fraction
  }

  /// Parses a zone suffix into seconds east of UTC; nil when malformed.
  private static func parseOffset(_ rest: ArraySlice<UInt8>) -> Int? {
    let chars = Array(rest)
    if chars.isEmpty || chars == [90] || chars == [122] { return 0 }
    guard chars.first == 43 || chars.first == 45 else { return nil }
    let digits = chars.dropFirst().filter { $0 != 58 }
    guard digits.count == 4, digits.allSatisfy({ (48...57).contains($0) }) else { return nil }
    let values = digits.map { Int($0 - 48) }
    let seconds = (values[0] * 10 + values[1]) * 3600 + (values[2] * 10 + values[3]) * 60
    return chars.first == 45 ? -seconds : seconds
  }

  /// Days from 1970-01-01 to a civil date (proleptic Gregorian calendar).
  private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146097 + dayOfEra - 719468
  }
}

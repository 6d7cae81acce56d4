import Foundation
import SluiceClient

/// The append-only record of every change Sluice sent: one JSON object per line, in the state
/// directory, mode 0600.
///
/// Lines are written whole with one `write` and fsynced, so concurrent Sluice processes never mix
/// their lines, and a line on disk is a change AWS has answered.
public struct AuditLog: Sendable {
  public let path: String

  public init(path: String) { self.path = path }

  /// Adds one record at the end.
  public func append(_ record: AuditRecord) throws {
    try PrivateFile.append(path, Data((try Self.line(record) + "\n").utf8))
  }

  /// A record as the file stores it: one line of JSON, keys sorted.
  public static func line(_ record: AuditRecord) throws -> String {
    String(decoding: try encoder.encode(record), as: UTF8.self)
  }

  /// Every readable record, oldest first, and how many lines could not be read.
  public func read() throws -> (records: [AuditRecord], unreadable: Int) {
    guard FileManager.default.fileExists(atPath: path) else { return ([], 0) }
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    var records: [AuditRecord] = []
    var unreadable = 0
    for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
      if let record = try? JSONDecoder().decode(AuditRecord.self, from: Data(line)) {
        records.append(record)
      } else {
        unreadable += 1
      }
    }
    return (records, unreadable)
  }

  /// The last change AWS accepted for a mapping, the one undo reverses.
  public func lastAccepted(uuid: String) throws -> AuditRecord? {
    try read().records.last { $0.uuid == uuid && $0.result == .accepted }
  }

  static let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }()
}

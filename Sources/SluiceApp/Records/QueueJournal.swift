import Foundation
import SluiceModel

/// The queued edits of one profile, region and account, kept on disk so that a crash, `kill -9`
/// or a dropped SSH connection loses none of them.
///
/// The TUI saves the whole queue after every change to it, atomically (see `PrivateFile`). Each
/// entry keeps the mapping it was based on, so a restored edit goes through the same conflict
/// check as any other: one AWS already accepted is recognised and never sent twice.
public struct QueueJournal: Sendable {
  public let path: String

  public init(path: String) { self.path = path }

  /// What the file holds.
  public struct Contents: Codable, Sendable {
    public struct Entry: Codable, Sendable {
      public let base: [String: JSONValue]
      public let changes: [String: JSONValue]
    }
    public var version = 1
    public let savedAt: String
    public let edits: [Entry]
  }

  /// Saves the queue in place of what was there; an empty queue removes the file.
  public func save(_ queue: [Draft], at date: Date = Date()) throws {
    guard !queue.isEmpty else {
      if unlink(path) != 0 && errno != ENOENT {
        throw PrivateFile.Failure(path: path, action: "remove", code: errno)
      }
      return
    }
    let contents = Contents(
      savedAt: AuditRecord.timestamp(date),
      edits: queue.map { .init(base: $0.mapping.document, changes: $0.changes) })
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    try PrivateFile.replace(path, with: try encoder.encode(contents))
  }

  /// The saved queue and when it was saved, or nil when there is none.
  public func load() throws -> (drafts: [Draft], savedAt: String)? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    let contents = try JSONDecoder().decode(
      Contents.self, from: try Data(contentsOf: URL(fileURLWithPath: path)))
    let drafts = try contents.edits.map {
      Draft(mapping: try EventSourceMapping(document: $0.base), changes: $0.changes)
    }
    return drafts.isEmpty ? nil : (drafts, contents.savedAt)
  }

  /// Moves the file out of the way (not deleted: the operator may still want it) and returns
  /// where it went.
  public func setAside(at date: Date = Date()) throws -> String {
    let stamp = AuditRecord.timestamp(date).replacingOccurrences(of: ":", with: "")
    let destination = path.replacingOccurrences(of: ".json", with: "") + ".set-aside-\(stamp).json"
    guard rename(path, destination) == 0 else {
      throw PrivateFile.Failure(path: path, action: "move", code: errno)
    }
    return destination
  }
}

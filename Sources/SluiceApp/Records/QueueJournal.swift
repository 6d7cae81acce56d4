import Foundation
import SluiceClient
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

  /// Claims the journal for one process: the TUI holds the claim while it runs, so a second TUI or
  /// `sluice undo --queue` on the same account cannot overwrite its queue. nil when another
  /// process holds it. The claim ends when the returned value is released (or the process ends).
  public func claim() -> Claim? {
    try? PrivateFile.makeDirectory((path as NSString).deletingLastPathComponent)
    let fd = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return nil }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      close(fd)
      return nil
    }
    return Claim(fd: fd)
  }

  /// An exclusive claim on a journal, given up when released.
  public final class Claim: Sendable {
    private let fd: Int32
    init(fd: Int32) { self.fd = fd }
    deinit { close(fd) }
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

import Foundation
import SluiceClient

/// The identity memory on disk: `identities.json` in the state directory, mode 0600, holding the
/// last few access key ids (with their endpoint) and the principal each belongs to.
public struct IdentityFile: IdentityMemory {
  public let path: String
  /// Enough for every profile an operator uses; the oldest entries go first.
  static let capacity = 64

  struct Entry: Codable {
    let key: String
    let identity: CallerIdentity
  }

  public init(path: String) { self.path = path }

  public func identity(forKey key: String) -> CallerIdentity? {
    entries().last { $0.key == key }?.identity
  }

  public func remember(_ identity: CallerIdentity, forKey key: String) {
    var kept = entries().filter { $0.key != key }
    kept.append(Entry(key: key, identity: identity))
    guard let data = try? JSONEncoder().encode(Array(kept.suffix(Self.capacity))) else { return }
    // A memory that cannot be written only means STS is asked again next time.
    try? PrivateFile.replace(path, with: data)
  }

  private func entries() -> [Entry] {
    guard let data = FileManager.default.contents(atPath: path) else { return [] }
    return (try? JSONDecoder().decode([Entry].self, from: data)) ?? []
  }
}

import Foundation
import SluiceClient

/// Sluice's own settings, from `$XDG_CONFIG_HOME/sluice/config.toml` (else `~/.config/sluice/`).
///
/// Today it holds one safety switch: `read_only = true` at the top, or under `[profiles.NAME]`
/// for one AWS profile, makes every session refuse changes, whatever the command line says. Only
/// that small part of TOML is read: sections, `key = value`, `#` comments.
public struct SluiceConfig: Sendable, Equatable {
  public var readOnly = false
  public var readOnlyProfiles: Set<String> = []

  /// Where the file lives for this environment.
  public static func path(in environment: AWSEnvironment) -> String {
    let base = environment["XDG_CONFIG_HOME"] ?? environment.homeDirectory + "/.config"
    return base + "/sluice/config.toml"
  }

  /// The settings in the file, or the defaults when there is no file.
  public static func load(from environment: AWSEnvironment) -> SluiceConfig {
    guard let text = try? String(contentsOfFile: path(in: environment), encoding: .utf8) else {
      return SluiceConfig()
    }
    return SluiceConfig(parsing: text)
  }

  public init() {}

  public init(parsing text: String) {
    var section = ""
    for raw in text.split(whereSeparator: \.isNewline) {
      let line =
        raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
        .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
      if line.hasPrefix("["), line.hasSuffix("]") {
        section = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
        continue
      }
      let parts = line.split(separator: "=", maxSplits: 1).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard parts.count == 2, parts[0] == "read_only", parts[1] == "true" else { continue }
      if section.isEmpty {
        readOnly = true
      } else if section.hasPrefix("profiles.") {
        readOnlyProfiles.insert(
          String(section.dropFirst("profiles.".count)).trimmingCharacters(in: ["\""]))
      }
    }
  }

  /// Whether a session on this profile must refuse changes.
  public func isReadOnly(profile: String) -> Bool {
    readOnly || readOnlyProfiles.contains(profile)
  }
}

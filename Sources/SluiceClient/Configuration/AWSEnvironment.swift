import Foundation

/// What configuration is read from: environment variables, the home folder and the files in it.
///
/// Passed in rather than read from the process, so the credential chain can be tested on temporary
/// files and fake environments, and so nothing in a test reaches a real metadata service.
public struct AWSEnvironment: Sendable {
  public let variables: [String: String]
  public let homeDirectory: String

  public init(variables: [String: String], homeDirectory: String? = nil) {
    self.variables = variables
    self.homeDirectory = homeDirectory ?? variables["HOME"] ?? NSHomeDirectory()
  }

  /// The environment of this process.
  public static var process: AWSEnvironment {
    AWSEnvironment(variables: ProcessInfo.processInfo.environment)
  }

  public subscript(name: String) -> String? {
    variables[name].flatMap { $0.isEmpty ? nil : $0 }
  }

  /// True for `true` in any letter case, as botocore reads boolean variables.
  public func flag(_ name: String) -> Bool { self[name]?.lowercased() == "true" }

  /// `~/.aws/config`, or `AWS_CONFIG_FILE`.
  public var configFile: ProfileFile { load(self["AWS_CONFIG_FILE"] ?? "~/.aws/config") }

  /// `~/.aws/credentials`, or `AWS_SHARED_CREDENTIALS_FILE`.
  public var credentialsFile: ProfileFile {
    load(self["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials")
  }

  /// The profile asked for: the option, then `AWS_PROFILE`, `AWS_DEFAULT_PROFILE`, `default`.
  public func profileName(option: String?) -> String {
    option ?? self["AWS_PROFILE"] ?? self["AWS_DEFAULT_PROFILE"] ?? "default"
  }

  /// Every profile either file names, sorted: what `:profile` completes from.
  public var profileNames: [String] {
    let fromConfig = configFile.sections.keys.compactMap { name -> String? in
      name == "default" ? name : name.hasPrefix("profile ") ? String(name.dropFirst(8)) : nil
    }
    return Set(fromConfig + credentialsFile.sections.keys).sorted()
  }

  func expand(_ path: String) -> String {
    path.hasPrefix("~/") ? homeDirectory + path.dropFirst() : path
  }

  private func load(_ path: String) -> ProfileFile {
    let text = (try? String(contentsOfFile: expand(path), encoding: .utf8)) ?? ""
    return ProfileFile(parsing: text)
  }
}

/// One profile's keys as botocore's `full_config` sees them: the config file's `[profile NAME]`
/// with the credentials file's `[NAME]` laid over it.
struct ProfileSettings: Sendable {
  let name: String
  let values: [String: String]

  init?(_ name: String, environment: AWSEnvironment) {
    let config = environment.configFile.configProfile(name)?.values
    let credentials = environment.credentialsFile.credentialsProfile(name)?.values
    guard config != nil || credentials != nil else { return nil }
    self.name = name
    values = (config ?? [:]).merging(credentials ?? [:]) { $1 }
  }

  subscript(key: String) -> String? { values[key].flatMap { $0.isEmpty ? nil : $0 } }

  /// Static keys, as a source profile may hold them.
  var hasStaticKeys: Bool {
    self["aws_access_key_id"] != nil || self["aws_secret_access_key"] != nil
  }

  /// A role to assume with other credentials (a web-identity profile assumes its own way).
  var assumesRole: Bool { self["role_arn"] != nil && self["web_identity_token_file"] == nil }
}

/// Which region and which Lambda endpoint a command talks to, resolved as the AWS SDKs do.
public struct RegionAndEndpoint: Sendable, Equatable {
  public let region: String
  public let endpoint: Endpoint
  /// Where STS goes (AssumeRole, GetCallerIdentity), as the SDKs find it: `AWS_ENDPOINT_URL_STS`,
  /// the profile's `services` section for `sts`, `AWS_ENDPOINT_URL`, the profile's
  /// `endpoint_url`, else the region's STS endpoint. `--endpoint-url` and
  /// `AWS_ENDPOINT_URL_LAMBDA` move Lambda only.
  public let identityEndpoint: Endpoint

  public init(region: String, endpoint: Endpoint, identityEndpoint: Endpoint? = nil) {
    self.region = region
    self.endpoint = endpoint
    self.identityEndpoint =
      identityEndpoint
      ?? Endpoint(
        scheme: "https",
        host: Self.regionalHost(region: region, fips: false, dualStack: false, service: "sts"))
  }

  /// Why no region could be found, naming every place that was looked at.
  public struct MissingRegion: Error, CustomStringConvertible {
    public let profile: String
    public var description: String {
      "No AWS region: give --region, set AWS_REGION or AWS_DEFAULT_REGION, or set region in "
        + "profile \(profile) of ~/.aws/config."
    }
  }

  /// An endpoint URL that does not parse.
  public struct BadEndpoint: Error, CustomStringConvertible {
    public let source: String
    public let value: String
    public var description: String { "\(source) is not an http(s) URL: \(value)" }
  }

  /// Region: option, `AWS_REGION`, `AWS_DEFAULT_REGION`, profile. Endpoint: option,
  /// `AWS_ENDPOINT_URL_LAMBDA`, `AWS_ENDPOINT_URL`, the profile's `services` section, the
  /// profile's `endpoint_url`, else the partition's regional endpoint (FIPS and dual-stack on request).
  public static func resolve(
    region regionOption: String?, endpointURL: String?, profile: String,
    environment: AWSEnvironment
  ) throws -> RegionAndEndpoint {
    let config = environment.configFile
    let settings = config.configProfile(profile)?.values ?? [:]
    guard
      let region = regionOption ?? environment["AWS_REGION"]
        ?? environment["AWS_DEFAULT_REGION"] ?? settings["region"]
    else { throw MissingRegion(profile: profile) }

    if let (source, value) = configuredEndpoint(
      option: endpointURL, profile: profile, config: config, environment: environment)
    {
      guard let endpoint = Endpoint(url: value) else {
        throw BadEndpoint(source: source, value: value)
      }
      return RegionAndEndpoint(
        region: region, endpoint: endpoint,
        identityEndpoint: try stsEndpoint(
          profile: profile, config: config, environment: environment))
    }
    let fips = environment.flag("AWS_USE_FIPS_ENDPOINT") || settings["use_fips_endpoint"] == "true"
    let dualStack =
      environment.flag("AWS_USE_DUALSTACK_ENDPOINT")
      || settings["use_dualstack_endpoint"] == "true"
    let host = regionalHost(region: region, fips: fips, dualStack: dualStack)
    let identity = regionalHost(region: region, fips: fips, dualStack: dualStack, service: "sts")
    return RegionAndEndpoint(
      region: region, endpoint: Endpoint(scheme: "https", host: host),
      identityEndpoint: try stsEndpoint(profile: profile, config: config, environment: environment)
        ?? Endpoint(scheme: "https", host: identity))
  }

  /// A configured STS endpoint, or nil for the region's own.
  private static func stsEndpoint(
    profile: String, config: ProfileFile, environment: AWSEnvironment
  ) throws -> Endpoint? {
    let settings = config.configProfile(profile)?.values ?? [:]
    if environment.flag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
      || settings["ignore_configured_endpoint_urls"] == "true"
    {
      return nil
    }
    let fromServices = settings["services"].flatMap {
      config.sections["services \($0)"]?.nested["sts"]?["endpoint_url"]
    }
    let found: (String, String)? =
      environment["AWS_ENDPOINT_URL_STS"].map { ("AWS_ENDPOINT_URL_STS", $0) }
      ?? fromServices.map { ("the sts endpoint_url of profile \(profile)'s services", $0) }
      ?? environment["AWS_ENDPOINT_URL"].map { ("AWS_ENDPOINT_URL", $0) }
      ?? settings["endpoint_url"].map { ("endpoint_url of profile \(profile)", $0) }
    guard let (source, value) = found else { return nil }
    guard let endpoint = Endpoint(url: value) else {
      throw BadEndpoint(source: source, value: value)
    }
    return endpoint
  }

  private static func configuredEndpoint(
    option: String?, profile: String, config: ProfileFile, environment: AWSEnvironment
  ) -> (String, String)? {
    if let option { return ("--endpoint-url", option) }
    let ignore =
      environment.flag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
      || config.configProfile(profile)?.values["ignore_configured_endpoint_urls"] == "true"
    guard !ignore else { return nil }
    if let value = environment["AWS_ENDPOINT_URL_LAMBDA"] {
      return ("AWS_ENDPOINT_URL_LAMBDA", value)
    }
    if let value = environment["AWS_ENDPOINT_URL"] { return ("AWS_ENDPOINT_URL", value) }
    let settings = config.configProfile(profile)
    if let services = settings?.values["services"],
      let value = config.sections["services \(services)"]?.nested["lambda"]?["endpoint_url"]
    {
      return ("services \(services) in ~/.aws/config", value)
    }
    if let value = settings?.values["endpoint_url"] {
      return ("endpoint_url of profile \(profile)", value)
    }
    return nil
  }

  /// `SERVICE[-fips].REGION.SUFFIX` for the region's partition.
  static func regionalHost(
    region: String, fips: Bool, dualStack: Bool, service: String = "lambda"
  ) -> String {
    let suffix: String
    if region.hasPrefix("cn-") {
      suffix = dualStack ? "api.amazonwebservices.com.cn" : "amazonaws.com.cn"
    } else if region.hasPrefix("us-isob-") {
      suffix = "sc2s.sgov.gov"
    } else if region.hasPrefix("us-isof-") {
      suffix = "csp.hci.ic.gov"
    } else if region.hasPrefix("us-iso-") {
      suffix = "c2s.ic.gov"
    } else if region.hasPrefix("eu-isoe-") {
      suffix = "cloud.adc-e.uk"
    } else if region.hasPrefix("eusc-") {
      suffix = "amazonaws.eu"
    } else {
      suffix = dualStack ? "api.aws" : "amazonaws.com"
    }
    return "\(service)\(fips ? "-fips" : "").\(region).\(suffix)"
  }
}

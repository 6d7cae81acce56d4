/// EC2 instance role credentials from IMDS: IMDSv2 (a session token first), falling back to v1
/// when the token request is refused, unless v1 is disabled.
///
/// Short timeouts and a single attempt, as botocore uses, so a laptop or a bastion without IMDS
/// does not hang. `AWS_EC2_METADATA_DISABLED=true` skips it entirely.
public struct InstanceMetadataCredentials: CredentialProvider {
  let environment: AWSEnvironment
  let transport: HTTPTransport
  public var name: String { "EC2 instance metadata (IMDS)" }

  public init(environment: AWSEnvironment, transport: HTTPTransport) {
    self.environment = environment
    self.transport = transport
  }

  var endpoint: Endpoint? {
    let config = environment.configFile.configProfile(environment.profileName(option: nil))?.values
    if let url = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"]
      ?? config?["ec2_metadata_service_endpoint"]
    {
      return Endpoint(url: url)
    }
    let mode =
      environment["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"]
      ?? config?["ec2_metadata_service_endpoint_mode"]
    return Endpoint(
      url: mode?.lowercased() == "ipv6" ? "http://[fd00:ec2::254]" : "http://169.254.169.254")
  }

  public func credentials() async throws -> Credentials? {
    guard !environment.flag("AWS_EC2_METADATA_DISABLED"), let endpoint else { return nil }
    let timeout = Duration.seconds(1)
    func request(_ method: String, _ path: String, _ headers: [(name: String, value: String)])
      -> HTTPRequest
    {
      HTTPRequest(
        method: method, scheme: endpoint.scheme, host: endpoint.hostHeader,
        path: endpoint.basePath + path, headers: headers)
    }
    var tokenHeaders: [(name: String, value: String)] = []
    do {
      let answer = try await transport.send(
        request("PUT", "/latest/api/token", [("x-aws-ec2-metadata-token-ttl-seconds", "21600")]),
        timeout: timeout)
      if answer.status == 200 {
        tokenHeaders = [("x-aws-ec2-metadata-token", String(decoding: answer.body, as: UTF8.self))]
      } else if ![403, 404, 405].contains(answer.status) || v1Disabled {
        return nil
      }
    } catch {
      // No metadata service here (or it does not answer in time): not an EC2 instance.
      if v1Disabled { return nil }
      if case TransportError.connection = error { return nil }
    }
    let rolePath = "/latest/meta-data/iam/security-credentials/"
    guard
      let roles = try? await transport.send(
        request("GET", rolePath, tokenHeaders), timeout: timeout),
      roles.status == 200,
      let role = String(decoding: roles.body, as: UTF8.self).split(whereSeparator: \.isNewline)
        .first
    else { return nil }
    let answer = try await transport.send(
      request("GET", rolePath + role, tokenHeaders), timeout: timeout)
    guard answer.status == 200 else {
      throw CredentialError.broken(source: name, reason: "HTTP \(answer.status) for role \(role)")
    }
    return try MetadataCredentials.parse(answer.body, source: name)
  }

  private var v1Disabled: Bool {
    environment.flag("AWS_EC2_METADATA_V1_DISABLED")
      || environment.configFile.configProfile(environment.profileName(option: nil))?.values[
        "ec2_metadata_v1_disabled"] == "true"
  }
}

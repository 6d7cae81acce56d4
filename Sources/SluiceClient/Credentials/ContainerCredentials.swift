import Foundation

/// ECS task and EKS Pod Identity credentials, from the endpoint the container runtime announces in
/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` or `AWS_CONTAINER_CREDENTIALS_FULL_URI`.
public struct ContainerCredentials: CredentialProvider {
  let environment: AWSEnvironment
  let transport: HTTPTransport
  public var name: String { "container credentials (ECS/EKS)" }

  /// Full URIs may only point at these hosts (or use https), so a stray variable cannot send the
  /// authorization token anywhere else.
  static let allowedHosts: Set<String> = [
    "127.0.0.1", "localhost", "[::1]", "169.254.170.2", "169.254.170.23", "[fd00:ec2::23]",
  ]

  public init(environment: AWSEnvironment, transport: HTTPTransport) {
    self.environment = environment
    self.transport = transport
  }

  public func credentials() async throws -> Credentials? {
    let url: String
    if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] {
      url = "http://169.254.170.2" + relative
    } else if let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] {
      url = full
    } else {
      return nil
    }
    guard let endpoint = Endpoint(url: url),
      endpoint.scheme == "https" || Self.allowedHosts.contains(endpoint.host)
    else {
      throw CredentialError.broken(
        source: name, reason: "the credentials URI must use https or a loopback or ECS/EKS address")
    }
    var headers: [(name: String, value: String)] = []
    if let token = try authorizationToken() { headers.append(("Authorization", token)) }
    let request = HTTPRequest(
      method: "GET", scheme: endpoint.scheme, host: endpoint.hostHeader,
      path: endpoint.basePath.isEmpty ? "/" : endpoint.basePath, headers: headers)
    var lastError = "no answer"
    for _ in 0..<3 {
      do {
        let response = try await transport.send(request, timeout: .seconds(2))
        guard response.status == 200 else {
          lastError = "HTTP \(response.status)"
          continue
        }
        return try MetadataCredentials.parse(response.body, source: name)
      } catch let error as TransportError {
        lastError = error.description
      }
    }
    throw CredentialError.broken(source: name, reason: lastError)
  }

  private func authorizationToken() throws -> String? {
    var token = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"]
    if let file = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] {
      guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
        throw CredentialError.broken(source: name, reason: "cannot read \(file)")
      }
      token = text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    if let token, token.contains("\r") || token.contains("\n") {
      throw CredentialError.broken(
        source: name, reason: "the authorization token contains a line break")
    }
    return token
  }
}

/// The JSON both metadata services answer with.
enum MetadataCredentials {
  static func parse(_ body: [UInt8], source: String) throws -> Credentials {
    guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
      let key = object["AccessKeyId"] as? String, let secret = object["SecretAccessKey"] as? String
    else {
      throw CredentialError.broken(
        source: source, reason: "the answer has no AccessKeyId and SecretAccessKey")
    }
    return Credentials(
      accessKeyId: key, secretAccessKey: secret, sessionToken: object["Token"] as? String,
      expiration: (object["Expiration"] as? String).flatMap(ISOTime.parse))
  }
}

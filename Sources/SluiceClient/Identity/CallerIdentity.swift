import Foundation

/// Who the credentials belong to, from STS GetCallerIdentity: the account (which keys the queue
/// journal) and the principal ARN (which the audit log records beside every change).
public struct CallerIdentity: Sendable, Equatable, Codable {
  public let account: String
  public let arn: String

  public init(account: String, arn: String) {
    self.account = account
    self.arn = arn
  }

  /// Reads a GetCallerIdentity answer.
  init(response document: String) throws {
    guard let account = XMLText.first("Account", in: document),
      let arn = XMLText.first("Arn", in: document)
    else {
      throw ClientError.unreadableResponse(
        "GetCallerIdentity answer", String(document.prefix(200)))
    }
    self.init(account: account, arn: arn)
  }
}

extension LambdaClient {
  /// Asks STS who these credentials are, unless the identity memory already knows the key. A read:
  /// allowed in read-only mode, retried as usual, and signed for `sts` in the client's region.
  public func callerIdentity() async throws -> CallerIdentity {
    let key = try await credentials.credentials().accessKeyId + "@" + identityEndpoint.description
    if let known = identityMemory?.identity(forKey: key) { return known }
    let form = "Action=GetCallerIdentity&Version=2011-06-15"
    let request = HTTPRequest(
      method: "POST", scheme: identityEndpoint.scheme, host: identityEndpoint.hostHeader,
      path: identityEndpoint.basePath.isEmpty ? "/" : identityEndpoint.basePath,
      headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
      body: Array(form.utf8))
    let response = try await sendSigned(request, service: "sts")
    let identity = try CallerIdentity(response: String(decoding: response.body, as: UTF8.self))
    identityMemory?.remember(identity, forKey: key)
    return identity
  }
}

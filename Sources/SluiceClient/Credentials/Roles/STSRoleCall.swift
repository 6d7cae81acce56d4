import Foundation

/// STS `AssumeRole` and `AssumeRoleWithWebIdentity` over the query protocol: a form POST, an XML
/// answer. `AssumeRole` is signed with the source credentials for service `sts`; the web-identity
/// call carries its token in the form and is sent unsigned, as botocore sends it.
struct STSRoleCall: Sendable {
  /// The form's parameters, in the names STS uses (`RoleArn`, `RoleSessionName`, …).
  var parameters: [String: String]
  let action: String

  static func assumeRole(_ parameters: [String: String]) -> STSRoleCall {
    STSRoleCall(parameters: parameters, action: "AssumeRole")
  }

  static func withWebIdentity(_ parameters: [String: String]) -> STSRoleCall {
    STSRoleCall(parameters: parameters, action: "AssumeRoleWithWebIdentity")
  }

  /// The unsigned request to an STS endpoint.
  func request(to endpoint: Endpoint) -> HTTPRequest {
    let form = (["Action": action, "Version": "2011-06-15"].merging(parameters) { $1 })
      .sorted { $0.key < $1.key }
      .map { PercentEncoding.encode($0.key) + "=" + PercentEncoding.encode($0.value) }
      .joined(separator: "&")
    return HTTPRequest(
      method: "POST", scheme: endpoint.scheme, host: endpoint.hostHeader,
      path: endpoint.basePath.isEmpty ? "/" : endpoint.basePath,
      headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
      body: Array(form.utf8))
  }

  /// Sends the call, signed when `signer` is given, retrying what the policy allows. AWS errors
  /// come back as `AWSServiceError`, with STS's code, message and request id.
  func send(
    to endpoint: Endpoint, transport: HTTPTransport, signer: SigV4Signer?,
    retry: RetryPolicy = RetryPolicy(), clock: WaitClock = .system
  ) async throws -> RoleAnswer {
    var attempt = 1
    while true {
      var unsigned = request(to: endpoint)
      unsigned.headers.append(("User-Agent", "sluice/0.1"))
      let request = signer.map { $0.sign(unsigned, at: clock.now()) } ?? unsigned
      do {
        let response = try await transport.send(request, timeout: .seconds(30))
        guard response.status == 200 else { throw AWSServiceError(response: response) }
        return try RoleAnswer(xml: String(decoding: response.body, as: UTF8.self))
      } catch {
        guard attempt < retry.maxAttempts, retry.isRetryable(error) else { throw error }
        try await clock.sleep(retry.delay(after: attempt, error: error))
        attempt += 1
      }
    }
  }
}

/// What STS answers to a role call: the role's temporary credentials and who they are.
struct RoleAnswer: Sendable, Equatable {
  let credentials: Credentials
  /// `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`.
  let assumedRoleArn: String
  let assumedRoleId: String
  let requestId: String?

  init(credentials: Credentials, assumedRoleArn: String, assumedRoleId: String, requestId: String?)
  {
    self.credentials = credentials
    self.assumedRoleArn = assumedRoleArn
    self.assumedRoleId = assumedRoleId
    self.requestId = requestId
  }

  init(xml: String) throws {
    guard let key = XMLText.first("AccessKeyId", in: xml),
      let secret = XMLText.first("SecretAccessKey", in: xml),
      let token = XMLText.first("SessionToken", in: xml),
      let expiration = XMLText.first("Expiration", in: xml).flatMap(CacheTime.parse)
    else {
      throw ClientError.unreadableResponse(
        "role credentials",
        "the answer lacks AccessKeyId, SecretAccessKey, SessionToken or Expiration")
    }
    self.init(
      credentials: Credentials(
        accessKeyId: key, secretAccessKey: secret, sessionToken: token, expiration: expiration),
      assumedRoleArn: XMLText.first("Arn", in: xml) ?? "",
      assumedRoleId: XMLText.first("AssumedRoleId", in: xml) ?? "",
      requestId: XMLText.first("RequestId", in: xml))
  }

  /// The account, from the assumed role's ARN.
  var account: String? {
    let parts = assumedRoleArn.split(separator: ":", omittingEmptySubsequences: false)
    return parts.count > 4 && !parts[4].isEmpty ? String(parts[4]) : nil
  }
}

/// Times as STS and the AWS CLI's cache write them: RFC 3339 (`2026-12-04T21:05:00Z`, maybe with
/// fractions or `+00:00`) or the CLI's `2026-12-04T21:05:00UTC`.
enum CacheTime {
  static func parse(_ text: String) -> Date? {
    if text.hasSuffix("UTC") { return ISOTime.parse(text.dropLast(3) + "Z") }
    return ISOTime.parse(text)
  }

  /// The form the AWS CLI writes into its cache files.
  static func text(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'UTC'"
    return formatter.string(from: date)
  }
}

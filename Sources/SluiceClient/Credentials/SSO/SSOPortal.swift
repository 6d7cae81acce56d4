import Foundation

/// The two IAM Identity Center calls Sluice makes, both unsigned: the portal's
/// `GetRoleCredentials` (`GET /federation/credentials`, the token in `x-amz-sso_bearer_token`)
/// and SSO OIDC's `CreateToken` with a refresh token (`POST /token`, JSON).
struct SSOPortal: Sendable {
  let endpoint: Endpoint
  let transport: HTTPTransport

  func roleCredentials(_ sign: SSOSignIn, token: String) async throws -> Credentials {
    let request = HTTPRequest(
      method: "GET", scheme: endpoint.scheme, host: endpoint.hostHeader,
      path: endpoint.basePath + "/federation/credentials",
      query: [.init("account_id", sign.accountId), .init("role_name", sign.roleName)],
      headers: [("x-amz-sso_bearer_token", token), ("User-Agent", "sluice/0.1")])
    let response = try await send(
      request, step: "GetRoleCredentials of \(sign.roleName) in \(sign.accountId)", sign)
    guard
      let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
      let role = object["roleCredentials"] as? [String: Any],
      let key = role["accessKeyId"] as? String, let secret = role["secretAccessKey"] as? String,
      let sessionToken = role["sessionToken"] as? String,
      let milliseconds = role["expiration"] as? Double
    else {
      throw CredentialError.broken(
        source: "IAM Identity Center (profile \(sign.profile))",
        reason: "the portal's answer holds no role credentials")
    }
    return Credentials(
      accessKeyId: key, secretAccessKey: secret, sessionToken: sessionToken,
      expiration: Date(timeIntervalSince1970: milliseconds / 1000),
      origin: "IAM Identity Center: role \(sign.roleName) in \(sign.accountId) via "
        + (sign.session.map { "sso_session \($0)" } ?? sign.startURL))
  }

  /// A new access token for a refresh token; the refresh token may be replaced too.
  func refresh(_ token: SSOToken, now: Date) async throws -> SSOToken {
    let body: [String: String] = [
      "grantType": "refresh_token", "clientId": token.clientId ?? "",
      "clientSecret": token.clientSecret ?? "", "refreshToken": token.refreshToken ?? "",
    ]
    let request = HTTPRequest(
      method: "POST", scheme: endpoint.scheme, host: endpoint.hostHeader,
      path: endpoint.basePath + "/token",
      headers: [("Content-Type", "application/json"), ("User-Agent", "sluice/0.1")],
      body: Array(try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])))
    let response = try await transport.send(request, timeout: .seconds(30))
    guard response.status == 200,
      let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
      let accessToken = object["accessToken"] as? String,
      let expiresIn = object["expiresIn"] as? Double
    else { throw AWSServiceError(response: response) }
    var fresh = token
    fresh.accessToken = accessToken
    fresh.expiresAt = now.addingTimeInterval(expiresIn)
    if let refreshToken = object["refreshToken"] as? String { fresh.refreshToken = refreshToken }
    return fresh
  }

  private func send(_ request: HTTPRequest, step: String, _ sign: SSOSignIn) async throws
    -> HTTPResponse
  {
    let response: HTTPResponse
    do {
      response = try await transport.send(request, timeout: .seconds(30))
    } catch {
      throw CredentialError.broken(
        source: "IAM Identity Center (profile \(sign.profile))", reason: "\(step) failed: \(error)")
    }
    if response.status == 401 || response.status == 403 {
      throw sign.loginNeeded("the portal refused the cached sign-in")
    }
    guard response.status == 200 else {
      throw CredentialError.broken(
        source: "IAM Identity Center (profile \(sign.profile))",
        reason: "\(step) failed: \(AWSServiceError(response: response))")
    }
    return response
  }
}

import Crypto
import Foundation

/// AWS Signature Version 4, as a value: credentials, region and service in; signed requests out.
///
/// The clock is a parameter, so the published test vectors can be reproduced byte for byte. The
/// stages carry the names the AWS documentation gives them, so a mismatch can be traced to the stage
/// that differs.
public struct SigV4Signer: Sendable {
  public let credentials: Credentials
  public let region: String
  public let service: String

  /// Headers that proxies may rewrite, so they are never signed (botocore's list).
  static let unsignedHeaders: Set<String> = [
    "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
    "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id", "authorization",
  ]

  public init(credentials: Credentials, region: String, service: String) {
    self.credentials = credentials
    self.region = region
    self.service = service
  }

  /// Every intermediate result of signing one request.
  public struct Stages: Sendable {
    public let canonicalRequest: String
    public let signedHeaders: String
    public let stringToSign: String
    public let signingKey: [UInt8]
    public let signature: String
  }

  /// The request with `X-Amz-Date`, `X-Amz-Security-Token` (for temporary credentials) and
  /// `Authorization` added.
  public func sign(_ request: HTTPRequest, at date: Date) -> HTTPRequest {
    var signed = prepared(request, at: date)
    let stages = stages(forPrepared: signed, at: date)
    let scope = credentialScope(AmzDate(date).day)
    signed.headers.append(
      (
        "Authorization",
        "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(scope), "
          + "SignedHeaders=\(stages.signedHeaders), Signature=\(stages.signature)"
      ))
    return signed
  }

  /// The stages for a request as `sign` would compute them.
  public func stages(for request: HTTPRequest, at date: Date) -> Stages {
    stages(forPrepared: prepared(request, at: date), at: date)
  }

  /// Adds the headers that are part of the signature: Host, X-Amz-Date and the session token.
  private func prepared(_ request: HTTPRequest, at date: Date) -> HTTPRequest {
    var request = request
    request.headers.removeAll { ["x-amz-date", "authorization"].contains($0.name.lowercased()) }
    if request.header("host") == nil { request.headers.append(("Host", request.host)) }
    request.headers.append(("X-Amz-Date", AmzDate(date).full))
    if let token = credentials.sessionToken, request.header("x-amz-security-token") == nil {
      request.headers.append(("X-Amz-Security-Token", token))
    }
    return request
  }

  private func stages(forPrepared request: HTTPRequest, at date: Date) -> Stages {
    let amzDate = AmzDate(date)
    var grouped: [String: [String]] = [:]
    for (name, value) in request.headers {
      let key = name.lowercased()
      guard !Self.unsignedHeaders.contains(key) else { continue }
      grouped[key, default: []].append(Self.trimmed(value))
    }
    let names = grouped.keys.sorted()
    let signedHeaders = names.joined(separator: ";")
    let canonicalHeaders = names.map { "\($0):\(grouped[$0]!.joined(separator: ","))\n" }.joined()
    let canonicalRequest = [
      request.method.uppercased(), Self.canonicalURI(request.path),
      Self.canonicalQuery(request.query),
      canonicalHeaders, signedHeaders, Self.hexSHA256(request.body),
    ].joined(separator: "\n")
    let stringToSign = [
      "AWS4-HMAC-SHA256", amzDate.full, credentialScope(amzDate.day),
      Self.hexSHA256(Array(canonicalRequest.utf8)),
    ].joined(separator: "\n")
    let key = signingKey(day: amzDate.day)
    let signature = Self.hex(Self.hmac(key, stringToSign))
    return Stages(
      canonicalRequest: canonicalRequest, signedHeaders: signedHeaders, stringToSign: stringToSign,
      signingKey: key, signature: signature)
  }

  /// `YYYYMMDD/region/service/aws4_request`.
  func credentialScope(_ day: String) -> String { "\(day)/\(region)/\(service)/aws4_request" }

  /// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), service), "aws4_request").
  public func signingKey(day: String) -> [UInt8] {
    let dateKey = Self.hmac(Array(("AWS4" + credentials.secretAccessKey).utf8), day)
    let regionKey = Self.hmac(dateKey, region)
    let serviceKey = Self.hmac(regionKey, service)
    return Self.hmac(serviceKey, "aws4_request")
  }

  /// Every segment of the (already encoded) path encoded once more, as all services but S3 expect.
  static func canonicalURI(_ path: String) -> String {
    guard !path.isEmpty else { return "/" }
    return path.split(separator: "/", omittingEmptySubsequences: false)
      .map { PercentEncoding.encode(String($0)) }.joined(separator: "/")
  }

  /// Names and values encoded, sorted by name then value, `=` kept even for empty values.
  static func canonicalQuery(_ items: [HTTPRequest.QueryItem]) -> String {
    let pairs: [(name: String, value: String)] = items.map {
      (PercentEncoding.encode($0.name), PercentEncoding.encode($0.value))
    }
    let sorted = pairs.sorted { lhs, rhs in
      lhs.name == rhs.name ? lhs.value < rhs.value : lhs.name < rhs.name
    }
    return sorted.map { $0.name + "=" + $0.value }.joined(separator: "&")
  }

  /// Leading and trailing blanks removed, inner runs of spaces folded to one.
  static func trimmed(_ value: String) -> String {
    value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
      .trimmingCharacters(in: .whitespaces)
  }

  static func hmac(_ key: [UInt8], _ message: String) -> [UInt8] {
    Array(HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: SymmetricKey(data: key)))
  }

  static func hexSHA256(_ bytes: [UInt8]) -> String { hex(Array(SHA256.hash(data: bytes))) }

  /// Hex of the SHA-256 of `bytes`, or of the bytes themselves when `raw` (for tests and logs of
  /// derived keys; never of secrets).
  public static func hexDigest(_ bytes: [UInt8], raw: Bool = false) -> String {
    raw ? hex(bytes) : hexSHA256(bytes)
  }

  static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var output = [UInt8]()
    output.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      output.append(digits[Int(byte >> 4)])
      output.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: output, as: UTF8.self)
  }
}

/// The two date forms SigV4 uses, in UTC: `20150830T123600Z` and `20150830`.
struct AmzDate {
  let full: String
  let day: String

  init(_ date: Date) {
    var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
    var parts = tm()
    gmtime_r(&seconds, &parts)
    func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
    day = "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))"
    full = "\(day)T\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))Z"
  }
}

import SluiceClient
import Testing

struct RegionAndEndpointTests {
  func resolve(
    _ fixture: ConfigFixture, region: String? = nil, endpoint: String? = nil,
    profile: String = "default",
    _ variables: [String: String] = [:]
  ) throws -> RegionAndEndpoint {
    try RegionAndEndpoint.resolve(
      region: region, endpointURL: endpoint, profile: profile,
      environment: fixture.environment(variables))
  }

  @Test func regionOrder() throws {
    let fixture = try ConfigFixture(
      config: "[default]\nregion = ap-south-1\n[profile eu]\nregion = eu-west-1\n")
    #expect(try resolve(fixture).region == "ap-south-1")
    #expect(try resolve(fixture, profile: "eu").region == "eu-west-1")
    #expect(try resolve(fixture, ["AWS_DEFAULT_REGION": "us-west-2"]).region == "us-west-2")
    #expect(
      try resolve(fixture, ["AWS_DEFAULT_REGION": "us-west-2", "AWS_REGION": "us-east-2"]).region
        == "us-east-2")
    #expect(
      try resolve(fixture, region: "ca-central-1", ["AWS_REGION": "us-east-2"]).region
        == "ca-central-1")
  }

  @Test func missingRegionSaysWhereToSetIt() throws {
    let fixture = try ConfigFixture()
    #expect(throws: RegionAndEndpoint.MissingRegion.self) { try resolve(fixture) }
  }

  @Test func endpointOrder() throws {
    let fixture = try ConfigFixture(
      config: """
        [profile svc]
        region = us-east-1
        services = local
        endpoint_url = http://profile:1
        [profile plain]
        region = us-east-1
        endpoint_url = http://profile:2
        [services local]
        lambda =
          endpoint_url = http://services:3
        sqs =
          endpoint_url = http://sqs:4
        """)
    #expect(try resolve(fixture, profile: "plain").endpoint.description == "http://profile:2")
    #expect(try resolve(fixture, profile: "svc").endpoint.description == "http://services:3")
    #expect(
      try resolve(fixture, profile: "svc", ["AWS_ENDPOINT_URL": "http://global:5"]).endpoint
        .description == "http://global:5")
    let both = [
      "AWS_ENDPOINT_URL": "http://global:5", "AWS_ENDPOINT_URL_LAMBDA": "http://lambda:6",
    ]
    #expect(try resolve(fixture, profile: "svc", both).endpoint.description == "http://lambda:6")
    #expect(
      try resolve(fixture, endpoint: "http://option:7", profile: "svc", both).endpoint.description
        == "http://option:7")
    let ignored = try resolve(
      fixture, profile: "svc", both.merging(["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"]) { $1 })
    #expect(ignored.endpoint.description == "https://lambda.us-east-1.amazonaws.com")
  }

  @Test func badEndpointIsNamed() throws {
    let fixture = try ConfigFixture()
    #expect(throws: RegionAndEndpoint.BadEndpoint.self) {
      try resolve(fixture, region: "us-east-1", ["AWS_ENDPOINT_URL_LAMBDA": "localhost:4566"])
    }
  }

  @Test(arguments: [
    ("us-east-1", [String: String](), "https://lambda.us-east-1.amazonaws.com"),
    ("us-east-1", ["AWS_USE_FIPS_ENDPOINT": "true"], "https://lambda-fips.us-east-1.amazonaws.com"),
    ("us-east-1", ["AWS_USE_DUALSTACK_ENDPOINT": "true"], "https://lambda.us-east-1.api.aws"),
    ("cn-north-1", [:], "https://lambda.cn-north-1.amazonaws.com.cn"),
    (
      "cn-north-1", ["AWS_USE_DUALSTACK_ENDPOINT": "true"],
      "https://lambda.cn-north-1.api.amazonwebservices.com.cn"
    ),
    (
      "us-gov-west-1", ["AWS_USE_FIPS_ENDPOINT": "true"],
      "https://lambda-fips.us-gov-west-1.amazonaws.com"
    ),
    ("us-iso-east-1", [:], "https://lambda.us-iso-east-1.c2s.ic.gov"),
    ("us-isob-east-1", [:], "https://lambda.us-isob-east-1.sc2s.sgov.gov"),
    ("eu-isoe-west-1", [:], "https://lambda.eu-isoe-west-1.cloud.adc-e.uk"),
    ("us-isof-south-1", [:], "https://lambda.us-isof-south-1.csp.hci.ic.gov"),
    ("eusc-de-east-1", [:], "https://lambda.eusc-de-east-1.amazonaws.eu"),
  ])
  func partitionEndpoints(_ region: String, _ variables: [String: String], _ expected: String)
    throws
  {
    #expect(
      try resolve(try ConfigFixture(), region: region, variables).endpoint.description == expected)
  }
}

extension RegionAndEndpointTests {
  /// STS, for roles and for the caller's identity, is found as the SDKs find it; the Lambda-only
  /// settings (`--endpoint-url`, `AWS_ENDPOINT_URL_LAMBDA`) leave it in its region.
  @Test func stsEndpointOrder() throws {
    let fixture = try ConfigFixture(
      config: """
        [profile svc]
        region = eu-west-1
        services = local
        endpoint_url = http://profile:1
        [services local]
        sts =
          endpoint_url = http://services-sts:2
        [profile plain]
        region = eu-west-1
        endpoint_url = http://profile:1
        [profile bare]
        region = eu-west-1
        """)
    let sts = { (profile: String, endpoint: String?, variables: [String: String]) in
      try resolve(fixture, endpoint: endpoint, profile: profile, variables).identityEndpoint
        .description
    }
    #expect(try sts("svc", nil, ["AWS_ENDPOINT_URL_STS": "http://env-sts:3"]) == "http://env-sts:3")
    #expect(try sts("svc", nil, ["AWS_ENDPOINT_URL": "http://env:4"]) == "http://services-sts:2")
    #expect(try sts("plain", nil, ["AWS_ENDPOINT_URL": "http://env:4"]) == "http://env:4")
    #expect(try sts("plain", nil, [:]) == "http://profile:1")
    #expect(try sts("bare", "http://lambda-only:5", [:]) == "https://sts.eu-west-1.amazonaws.com")
    #expect(
      try sts("bare", nil, ["AWS_ENDPOINT_URL_LAMBDA": "http://lambda-only:5"])
        == "https://sts.eu-west-1.amazonaws.com")
    #expect(
      try sts("plain", nil, ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"])
        == "https://sts.eu-west-1.amazonaws.com")
  }
}

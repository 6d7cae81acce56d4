import SluiceModel
import Testing

struct AccessRuleTests {
  static let secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:broker-AbCdEf"

  static func body(_ entries: [(String, String)]) -> [String: JSONValue] {
    [
      "SourceAccessConfigurations": .array(
        entries.map { ["Type": .string($0.0), "URI": .string($0.1)] })
    ]
  }

  @Test(arguments: [
    ("BASIC_AUTH", SourceKind.amazonMQ, true), ("BASIC_AUTH", .selfManagedKafka, true),
    ("BASIC_AUTH", .msk, false), ("SASL_SCRAM_512_AUTH", .msk, true),
    ("SASL_SCRAM_512_AUTH", .amazonMQ, false), ("CLIENT_CERTIFICATE_TLS_AUTH", .msk, true),
    ("VPC_SUBNET", .selfManagedKafka, true), ("VPC_SUBNET", .msk, false),
    ("SASL_SCRAM_256_AUTH", .selfManagedKafka, true), ("SERVER_ROOT_CA_CERTIFICATE", .msk, false),
  ])
  func typesPerKind(_ type: String, _ kind: SourceKind, _ accepted: Bool) {
    let errors = Fixtures.errors(kind, Self.body([(type, Self.secret)]))
    #expect(errors.isEmpty == accepted, "\(type) on \(kind): \(errors)")
    if !accepted { #expect(errors.map(\.rule) == ["not-for-kind"]) }
  }

  @Test func virtualHostIsRefusedOnUpdate() {
    let errors = Fixtures.errors(
      .amazonMQ, Self.body([("BASIC_AUTH", Self.secret), ("VIRTUAL_HOST", "/prod")]))
    #expect(errors.map(\.rule) == ["virtual-host-on-update"])
    #expect(errors.first?.path == "SourceAccessConfigurations[1].Type")
  }

  @Test func entryLimitsAndUnknownTypes() {
    let many = Array(repeating: ("VPC_SUBNET", "subnet-0abc"), count: 23)
    #expect(Fixtures.errors(.selfManagedKafka, Self.body(many)).map(\.rule) == ["count"])
    let twentyTwo = Array(repeating: ("VPC_SUBNET", "subnet-0abc"), count: 22)
    #expect(Fixtures.errors(.selfManagedKafka, Self.body(twentyTwo)).isEmpty)
    #expect(Fixtures.errors(.msk, Self.body([("TOKEN", Self.secret)])).map(\.rule) == ["choice"])
    let longURI = String(repeating: "a", count: 201)
    #expect(
      Fixtures.errors(.msk, Self.body([("SASL_SCRAM_512_AUTH", longURI)])).map(\.rule) == ["length"]
    )
    #expect(
      Fixtures.errors(.msk, Self.body([("SASL_SCRAM_512_AUTH", "has space")])).map(\.rule) == [
        "pattern"
      ])
    #expect(
      Fixtures.errors(.sqsStandard, Self.body([("BASIC_AUTH", Self.secret)])).map(\.rule) == [
        "not-for-kind"
      ])
  }
}

import SluiceModel

/// Synthetic mappings over every source kind, and a plausible change for each.
enum BenchData {
  static let sources = [
    "arn:aws:sqs:us-east-1:123456789012:orders",
    "arn:aws:sqs:us-east-1:123456789012:orders.fifo",
    "arn:aws:kinesis:us-east-1:123456789012:stream/clicks",
    "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2026-01-01T00:00:00.000",
    "arn:aws:kafka:us-east-1:123456789012:cluster/sales/abcd1234",
    "arn:aws:mq:us-east-1:123456789012:broker:main:b-1234",
    "arn:aws:rds:us-east-1:123456789012:cluster:docs",
  ]

  static func mappings(count: Int) -> [EventSourceMapping] {
    documents(range: 0..<count).map { try! EventSourceMapping(document: $0) }
  }

  /// The documents of `mappings`, as a List response carries them.
  static func documents(range: Range<Int>) -> [[String: JSONValue]] {
    range.map { index in
      [
        "UUID": .string("00000000-0000-4000-8000-\(String(index, radix: 16))"),
        "EventSourceArn": .string(sources[index % sources.count]),
        "FunctionArn": .string("arn:aws:lambda:us-east-1:123456789012:function:fn-\(index % 40)"),
        "BatchSize": 10, "MaximumBatchingWindowInSeconds": 0, "State": "Enabled",
        "LastModified": .number(1_700_000_000.5),
        "FilterCriteria": ["Filters": [["Pattern": "{\"body\":{\"kind\":[\"A\"]}}"]]],
      ]
    }
  }

  static func change(for mapping: EventSourceMapping) -> [String: JSONValue] {
    [
      "BatchSize": .integer(mapping.sourceKind == .sqsFIFO ? 5 : 50),
      "MaximumBatchingWindowInSeconds": 2,
      "FilterCriteria": ["Filters": [["Pattern": "{\"body\":{\"kind\":[{\"prefix\":\"A\"}]}}"]]],
    ]
  }
}

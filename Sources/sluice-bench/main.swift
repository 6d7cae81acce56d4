import Foundation
import SluiceClient
import SluiceModel

// Benchmarks print one stable line per figure: `name: value unit`. They are not tests; run them
// with `swift run -c release sluice-bench`.

if CommandLine.arguments.dropFirst().first == "memory" {
  MemoryBench.measure()
  exit(0)
}

/// Seconds of wall time that `body` takes.
func measure(_ body: () -> Void) -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let mappings = BenchData.mappings(count: 10_000)
let drafts = mappings.map { mapping in
  Draft(mapping: mapping, changes: BenchData.change(for: mapping))
}

var findingCount = 0
let validateSeconds = measure {
  for draft in drafts { findingCount += Validator.validate(draft).count }
}
print(
  String(
    format: "validate-10000-mappings: %.1f ms total, %.2f us per mapping (%d findings)",
    validateSeconds * 1e3, validateSeconds * 1e6 / Double(drafts.count), findingCount))

var bodyBytes = 0
let bodySeconds = measure {
  for draft in drafts {
    bodyBytes += JSONValue.object(draft.updateBody).compactText.utf8.count + draft.diff.count
  }
}
print(
  String(
    format: "body-and-diff-10000-edits: %.1f ms total, %.2f us per edit",
    bodySeconds * 1e3, bodySeconds * 1e6 / Double(drafts.count)))

let signer = SigV4Signer(
  credentials: Credentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "bench-secret"),
  region: "us-east-1", service: "lambda")
let endpoint = Endpoint(scheme: "https", host: "lambda.us-east-1.amazonaws.com")
let update = LambdaOperation.update(
  uuid: "14e0db71-9c2a-4eb5-b481-8945cf9d10c2", body: ["Enabled": false]
)
.request(to: endpoint)
let signatures = 20_000
var signatureBytes = 0
let signSeconds = measure {
  for index in 0..<signatures {
    let signed = signer.sign(update, at: Date(timeIntervalSince1970: 1_764_316_800 + Double(index)))
    signatureBytes += signed.headers.count
  }
}
print(
  String(
    format: "sigv4-signatures: %.0f per second (%.1f us each, %d signed)",
    Double(signatures) / signSeconds, signSeconds * 1e6 / Double(signatures), signatures))

await ClientBench.run(mappings)
TerminalBench.run(mappings)
MemoryBench.runInChild()

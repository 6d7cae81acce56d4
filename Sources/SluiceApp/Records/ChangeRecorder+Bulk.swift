import Foundation
import SluiceClient
import SluiceModel

extension ChangeRecorder {
  /// How one mapping of a bulk change went.
  public struct Outcome: Sendable {
    public let uuid: String
    public let result: Result<ChangeOutcome, Error>
  }

  /// Sends the same body to many mappings, at most `concurrency` at a time; each is read just
  /// before its change, and one already holding the values is left alone. Under throttling the
  /// pacer keeps each going until it is done or fails for good.
  public func sendMany(
    _ body: [String: JSONValue], to uuids: [String], concurrency: Int = 8,
    pacer: BulkPacer = BulkPacer(), onOutcome: (Outcome) -> Void = { _ in }
  ) async -> [Outcome] {
    let limit = ConcurrencyLimit(concurrency)
    return await withTaskGroup(of: (Int, Outcome).self) { group in
      for (index, uuid) in uuids.enumerated() {
        group.addTask {
          let outcome = await limit.run {
            do {
              let outcome = try await pacer.untilDone { try await self.change(uuid, body) }
              return Outcome(uuid: uuid, result: .success(outcome))
            } catch {
              return Outcome(uuid: uuid, result: .failure(error))
            }
          }
          return (index, outcome)
        }
      }
      var outcomes = [Outcome?](repeating: nil, count: uuids.count)
      for await (index, outcome) in group {
        outcomes[index] = outcome
        onOutcome(outcome)
      }
      return outcomes.compactMap { $0 }
    }
  }
}

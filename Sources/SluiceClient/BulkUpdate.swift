import SluiceModel

extension LambdaClient {
  /// The outcome of one update in a bulk run.
  public struct BulkResult: Sendable {
    public let uuid: String
    public let result: Result<EventSourceMapping, Error>
  }

  /// Sends many updates with at most `concurrency` in flight, reporting each result as it comes.
  ///
  /// Each update has its own retries; one failure never stops the others. Results come back in the
  /// order they finish; the returned array is in the order given.
  public func updateMany(
    _ updates: [(uuid: String, body: [String: JSONValue])], concurrency: Int = 8,
    onResult: @Sendable (BulkResult) -> Void = { _ in }
  ) async -> [BulkResult] {
    var results = [BulkResult?](repeating: nil, count: updates.count)
    await withTaskGroup(of: (Int, BulkResult).self) { group in
      var next = 0
      func start(_ index: Int) {
        let (uuid, body) = updates[index]
        group.addTask {
          do {
            return (
              index, BulkResult(uuid: uuid, result: .success(try await update(uuid, body: body)))
            )
          } catch {
            return (index, BulkResult(uuid: uuid, result: .failure(error)))
          }
        }
      }
      while next < min(max(1, concurrency), updates.count) {
        start(next)
        next += 1
      }
      for await (index, result) in group {
        results[index] = result
        onResult(result)
        if next < updates.count {
          start(next)
          next += 1
        }
      }
    }
    return results.compactMap { $0 }
  }
}

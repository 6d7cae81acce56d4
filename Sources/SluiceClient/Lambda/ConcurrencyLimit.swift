/// Lets at most `limit` jobs run at once; the rest wait their turn, first come first served.
///
/// Bulk pauses go through one, from the TUI and the subcommands alike, so that 200 mappings never
/// mean 200 simultaneous requests: AWS throttles per account, and a few at a time finish sooner
/// than a stampede that is mostly retried.
public actor ConcurrencyLimit {
  public nonisolated let limit: Int
  private var running = 0
  private var waiting: [CheckedContinuation<Void, Never>] = []

  public init(_ limit: Int) { self.limit = max(1, limit) }

  /// Runs `job` once a place is free, and frees the place when it ends.
  public func run<Output: Sendable>(_ job: @Sendable () async throws -> Output) async rethrows
    -> Output
  {
    await enter()
    defer { leave() }
    return try await job()
  }

  /// Jobs running now, and jobs waiting for a place (for tests and progress).
  public var counts: (running: Int, waiting: Int) { (running, waiting.count) }

  private func enter() async {
    guard running >= limit else {
      running += 1
      return
    }
    await withCheckedContinuation { waiting.append($0) }
  }

  private func leave() {
    if waiting.isEmpty {
      running -= 1
    } else {
      waiting.removeFirst().resume()
    }
  }
}

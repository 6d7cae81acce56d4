/// Runs one job per item with at most `limit` in flight, reporting each output as it finishes.
///
/// Bulk pauses use it so that 200 mappings never mean 200 simultaneous requests: AWS throttles
/// per account, and a few at a time finish sooner than a stampede that is mostly retried. Outputs
/// come back in the order given.
public func boundedConcurrently<Item: Sendable, Output: Sendable>(
  _ items: [Item], limit: Int, _ job: @escaping @Sendable (Item) async -> Output,
  onOutput: (Output) -> Void = { _ in }
) async -> [Output] {
  var outputs = [Output?](repeating: nil, count: items.count)
  await withTaskGroup(of: (Int, Output).self) { group in
    var next = 0
    func start(_ index: Int) {
      let item = items[index]
      group.addTask { (index, await job(item)) }
    }
    while next < min(max(1, limit), items.count) {
      start(next)
      next += 1
    }
    for await (index, output) in group {
      outputs[index] = output
      onOutput(output)
      if next < items.count {
        start(next)
        next += 1
      }
    }
  }
  return outputs.compactMap { $0 }
}

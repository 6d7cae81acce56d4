/// A counting semaphore for tasks: `enter` waits while `limit` holders are inside.
actor Gate {
  private let limit: Int
  private var inside = 0
  private var waiting: [CheckedContinuation<Void, Never>] = []

  init(limit: Int) { self.limit = limit }

  func enter() async {
    guard inside >= limit else {
      inside += 1
      return
    }
    await withCheckedContinuation { waiting.append($0) }
  }

  func leave() {
    if waiting.isEmpty {
      inside -= 1
    } else {
      waiting.removeFirst().resume()
    }
  }
}

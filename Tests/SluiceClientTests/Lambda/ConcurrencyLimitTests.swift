import Foundation
import SluiceClient
import Testing

struct ConcurrencyLimitTests {
  /// 40 jobs that each hold their place until the test opens a turnstile: exactly 5 get in, 35
  /// wait, and once opened every job runs and returns its own output.
  @Test func atMostTheLimitRunAtOnce() async throws {
    let limit = ConcurrencyLimit(5)
    let turnstile = Turnstile()
    let inside = Counter()
    let all = Task {
      await withTaskGroup(of: Int.self) { group in
        for index in 0..<40 {
          group.addTask {
            await limit.run {
              inside.add(1)
              await turnstile.pass()
              inside.add(-1)
              return index
            }
          }
        }
        return await group.reduce(into: []) { $0.append($1) }
      }
    }
    try await waitUntil("5 running and 35 waiting") { await limit.counts == (5, 35) }
    #expect(inside.value == 5 && inside.peak == 5)
    await turnstile.open()
    let outputs = await all.value
    #expect(outputs.sorted() == Array(0..<40))
    #expect(inside.peak == 5 && inside.value == 0)
    #expect(await limit.counts == (0, 0))
  }

  @Test func aThrowingJobFreesItsPlace() async throws {
    let limit = ConcurrencyLimit(1)
    struct Failure: Error {}
    await #expect(throws: Failure.self) { try await limit.run { throw Failure() } }
    #expect(await limit.run { 7 } == 7)
    #expect(await limit.counts == (0, 0))
  }
}

/// Holds every caller of `pass` until `open`; after that, lets everyone through.
actor Turnstile {
  private var isOpen = false
  private var held: [CheckedContinuation<Void, Never>] = []

  func pass() async {
    if isOpen { return }
    await withCheckedContinuation { held.append($0) }
  }

  func open() {
    isOpen = true
    held.forEach { $0.resume() }
    held = []
  }
}

/// A count shared by tasks, with the highest it reached.
final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var current = 0
  private var highest = 0
  var value: Int { lock.withLock { current } }
  var peak: Int { lock.withLock { highest } }
  func add(_ delta: Int) {
    lock.withLock {
      current += delta
      highest = max(highest, current)
    }
  }
}

struct TimedOut: Error, CustomStringConvertible {
  let description: String
}

/// Polls `condition` every millisecond; throws, naming what it waited for, after 10 s.
func waitUntil(_ what: String, _ condition: () async -> Bool) async throws {
  let deadline = Date().addingTimeInterval(10)
  while await !condition() {
    guard Date() < deadline else { throw TimedOut(description: "timed out waiting for \(what)") }
    try await Task.sleep(nanoseconds: 1_000_000)
  }
}

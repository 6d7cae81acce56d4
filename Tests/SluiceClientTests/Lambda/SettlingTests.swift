import Foundation
import SluiceClient
import SluiceModel
import Testing

struct SettlingTests {
  /// The one settle loop polls on the injected clock, backing off 0.5, 1, 2, 4, 5 s.
  @Test func pollsWithBackoffUntilTheStateSettles() async throws {
    let states = ["Disabling", "Disabling", "Disabling", "Disabling", "Disabling", "Disabled"]
    let transport = ScriptedTransport(
      states.map { ScriptedTransport.json(200, #"{"UUID": "u-1", "State": "\#($0)"}"#) })
    let sleeps = SleepRecorder()
    let seen = PageCounter()
    let settled = try await scriptedClient(transport, sleeps: sleeps).waitUntilSettled(
      "u-1", timeout: 60, clock: WaitClock(now: { sleeps.now }, sleep: { sleeps.sleep($0) })
    ) { _ in seen.add(1) }
    #expect(settled.state == "Disabled")
    #expect(sleeps.delays == [0.5, 1, 2, 4, 5])
    #expect(seen.sizes.count == 6)
  }

  @Test func givesUpAfterTheTimeoutNamingTheState() async throws {
    let transport = ScriptedTransport(fallback: { _ in
      HTTPResponse(status: 200, body: Array(#"{"UUID": "u-1", "State": "Enabling"}"#.utf8))
    })
    let sleeps = SleepRecorder()
    await #expect(throws: ClientError.notSettled(uuid: "u-1", state: "Enabling", seconds: 10)) {
      _ = try await scriptedClient(transport, sleeps: sleeps).waitUntilSettled(
        "u-1", timeout: 10, clock: WaitClock(now: { sleeps.now }, sleep: { sleeps.sleep($0) }))
    }
    // 0.5 + 1 + 2 + 4 + 5 = 12.5 s of waiting passes the 10 s limit.
    #expect(sleeps.delays == [0.5, 1, 2, 4, 5])
  }
}

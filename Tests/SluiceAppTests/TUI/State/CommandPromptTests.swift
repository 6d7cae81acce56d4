import Foundation
import SluiceTerminal
import Testing

@testable import SluiceApp

/// The `:` command line: completion, history, and the commands it runs or refuses.
struct CommandPromptTests {
  static func state(demo: Bool = false) -> AppState {
    var state = AppStateTests.loaded()
    var context = state.context
    context.profiles = ["default", "prod-admin", "prod-readonly", "staging"]
    context.regions = ["eu-west-1", "eu-west-2", "us-east-1"]
    context.canSwitch = !demo
    var switched = AppState(context: context)
    _ = switched.handle(.page(state.mappings))
    _ = switched.handle(.loaded)
    state = switched
    return state
  }

  @Test func tabCompletesTheCommandThenTheName() {
    let profiles = ["default", "prod-admin", "prod-readonly", "staging"]
    let regions = ["eu-west-1", "eu-west-2", "us-east-1"]
    #expect(CommandPrompt.complete("pro", profiles: profiles, regions: regions) == "profile ")
    #expect(
      CommandPrompt.complete("profile pr", profiles: profiles, regions: regions) == "profile prod-")
    #expect(
      CommandPrompt.complete("profile st", profiles: profiles, regions: regions)
        == "profile staging")
    #expect(
      CommandPrompt.complete("region eu", profiles: profiles, regions: regions) == "region eu-west-"
    )
    #expect(
      CommandPrompt.complete("region xx", profiles: profiles, regions: regions) == "region xx")
  }

  @Test func aSwitchIsAnEffectAndEntersTheHistory() {
    var state = Self.state()
    AppStateTests.type([.character(":")], into: &state)
    #expect(state.keyScope == .command)
    let effects = AppStateTests.type(
      AppStateTests.text("region eu-west-2") + [.enter], into: &state)
    #expect(effects == [.switchContext(profile: "prod", region: "eu-west-2")])
    #expect(state.command == nil)
    AppStateTests.type([.character(":")] + AppStateTests.text("profile st") + [.tab], into: &state)
    #expect(state.command?.text == "profile staging")
    #expect(
      AppStateTests.type([.enter], into: &state)
        == [.switchContext(profile: "staging", region: nil)])
    // ↑ recalls the commands run before, newest first; ↓ comes back to a new line.
    AppStateTests.type([.character(":"), .up], into: &state)
    #expect(state.command?.text == "profile staging")
    AppStateTests.type([.up], into: &state)
    #expect(state.command?.text == "region eu-west-2")
    AppStateTests.type([.down, .down], into: &state)
    #expect(state.command?.text == "")
    AppStateTests.type([.escape], into: &state)
    #expect(state.command == nil && state.keyScope == .list)
  }

  @Test(arguments: [
    ("profile nobody", "No profile nobody in ~/.aws/config or ~/.aws/credentials."),
    ("region mars-1", "mars-1 is not a region of this partition."),
    ("profile", ":profile takes one name; Tab completes it."),
    ("jump", "Unknown command :jump. Try :profile NAME, :region NAME or :q."),
  ])
  func mistakesAreNamedAndNothingHappens(_ line: String, _ message: String) {
    var state = Self.state()
    let effects = AppStateTests.type(
      [.character(":")] + AppStateTests.text(line) + [.enter], into: &state)
    #expect(effects.isEmpty)
    #expect(state.message?.text == message)
  }

  @Test func theDemoHasNothingToSwitchTo() {
    var state = Self.state(demo: true)
    let effects = AppStateTests.type(
      [.character(":")] + AppStateTests.text("region eu-west-1") + [.enter], into: &state)
    #expect(effects.isEmpty && state.message?.text.hasPrefix("The demo has one account") == true)
  }

  @Test func qQuitsAsQDoes() {
    var state = Self.state()
    AppStateTests.type([.character(":")] + AppStateTests.text("q") + [.enter], into: &state)
    #expect(state.wantsToQuit)
  }
}

import SluiceModel
import SluiceTerminal

extension AppState {
  /// A key on the open command line.
  mutating func commandKey(_ action: KeyAction?, _ key: Key, _ prompt: inout CommandPrompt)
    -> [Effect]
  {
    let outcome = prompt.update(
      action, key: key, history: commandHistory, profiles: context.profiles,
      regions: context.regions)
    switch outcome {
    case .editing: return []
    case .closed:
      command = nil
      return []
    case .run(let text):
      command = nil
      guard !text.isEmpty else { return [] }
      if commandHistory.last != text { commandHistory.append(text) }
      return run(command: text)
    }
  }

  /// `:profile NAME`, `:region NAME`, `:q`; anything else is named as unknown.
  private mutating func run(command text: String) -> [Effect] {
    let words = text.split(separator: " ").map(String.init)
    switch (words.first, words.count) {
    case ("q"?, 1), ("quit"?, 1):
      askToQuit()
      return []
    case ("profile"?, 2): return switchTo(profile: words[1], region: nil)
    case ("region"?, 2): return switchTo(profile: nil, region: words[1])
    case ("profile"?, _), ("region"?, _):
      message = Message(text: ":\(words[0]) takes one name; Tab completes it.", kind: .error)
    default:
      message = Message(
        text:
          "Unknown command :\(DisplayText.sanitized(text)). Try :profile NAME, :region NAME or :q.",
        kind: .error)
    }
    return []
  }

  private mutating func switchTo(profile: String?, region: String?) -> [Effect] {
    if let profile, !context.profiles.contains(profile) {
      message = Message(
        text:
          "No profile \(DisplayText.sanitized(profile)) in ~/.aws/config or ~/.aws/credentials.",
        kind: .error)
      return []
    }
    if let region, !context.regions.contains(region) {
      message = Message(
        text: "\(DisplayText.sanitized(region)) is not a region of this partition.", kind: .error)
      return []
    }
    guard context.canSwitch else {
      message = Message(
        text: "The demo has one account and region: there is nothing to switch to.", kind: .error)
      return []
    }
    message = Message(text: "Switching…", kind: .info)
    // A new profile brings its own region; a new region keeps the profile.
    return [
      .switchContext(profile: profile ?? context.profile, region: profile == nil ? region : nil)
    ]
  }
}

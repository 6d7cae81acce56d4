import Foundation
import SluiceModel
import SluiceTerminal
import Testing

@testable import SluiceApp

/// The key table is the one source of dispatch, hints and help: every binding must be reachable
/// (no earlier binding in its scope claims its keys, and its scope can be reached) and documented
/// (help text, and a place in the help overlay and, where it has one, in the hint bar).
struct KeyMapTests {
  /// A state in each scope, reached by keys as an operator would.
  static func state(in scope: KeyScope) -> AppState {
    var state = AppStateTests.loaded()
    let keys: [Key] =
      switch scope {
      case .list: []
      case .filter: [.character("/")]
      case .form: [.enter]
      case .field: [.enter, .down, .down, .enter]
      case .jump: [.enter, .character("/")]
      case .queue: [.character("Q")]
      case .dialog: [.character("p")]
      case .code: []
      case .command: [.character(":")]
      }
    AppStateTests.type(keys, into: &state)
    if scope == .code {
      _ = state.handle(.mfaNeeded(profile: "ops", serial: "arn:aws:iam::1:mfa/op", refusal: nil))
    }
    return state
  }

  @Test(arguments: KeyScope.allCases)
  func everyScopeIsReachable(_ scope: KeyScope) {
    #expect(Self.state(in: scope).keyScope == scope)
  }

  @Test func everyBindingIsReachedByEachOfItsKeysInEachOfItsScopes() {
    for binding in KeyMap.bindings {
      #expect(!binding.keys.isEmpty && !binding.scopes.isEmpty, "\(binding.label)")
      for scope in binding.scopes {
        for key in binding.keys {
          #expect(
            KeyMap.action(for: key, in: scope) == binding.action,
            "\(key) in \(scope) does not reach \(binding.label): \(binding.help)")
        }
      }
    }
  }

  @Test func everyBindingIsDocumentedInTheHelpOfItsPages() {
    let pages: [(AppState.Page, [KeyScope])] = [
      (.list, [.list, .filter, .command, .code]), (.form(Self.form), [.form, .field, .jump]),
      (.queue(.init()), [.queue]),
    ]
    for binding in KeyMap.bindings {
      #expect(!binding.help.isEmpty && !binding.label.isEmpty)
      for (page, scopes) in pages where !Set(scopes).isDisjoint(with: binding.scopes) {
        let text = HelpView.lines(on: page, width: 74).map(\.text).joined(separator: " ")
        let flat = text.split(separator: " ").joined(separator: " ")
        let help = binding.help.split(separator: " ").joined(separator: " ")
        #expect(flat.contains(help), "\(binding.label) is missing from the help of \(page)")
      }
    }
  }

  @Test(arguments: KeyScope.allCases)
  func theHintBarIsTheScopesHints(_ scope: KeyScope) {
    let hints = KeyMap.hints(in: scope)
    for binding in KeyMap.bindings(in: scope) {
      guard let hint = binding.hint else { continue }
      #expect(hints.contains("\(hint.keys) \(hint.text)"), "\(scope): \(hints)")
    }
    #expect(Self.state(in: scope).keyScope == scope)
  }

  @Test func theListHintBarReadsAsBefore() {
    #expect(
      KeyMap.hints(in: .list)
        == "↑↓ move  / filter  ⏎ open  p pause/resume  ␣ mark  * mark all  Q queue  ? help  q quit")
    #expect(KeyMap.hints(in: .dialog) == "y confirm  n cancel")
    #expect(KeyMap.hints(in: .filter) == "type to filter  ⏎ accept  Esc cancel  Ctrl-U clear")
  }

  static var form: FormState {
    FormState(draft: Draft(mapping: AppStateTests.loaded().mappings[0]))
  }
}

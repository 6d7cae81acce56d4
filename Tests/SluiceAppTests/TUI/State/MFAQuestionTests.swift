import Foundation
import SluiceTerminal
import Testing

@testable import SluiceApp

/// The MFA question in the TUI: it names the profile and the device, takes digits only, sends
/// the code with ⏎ or cancels with Esc, and shows STS's refusal when it asks again.
struct MFAQuestionTests {
  @Test func digitsAreTypedAndSentWithEnter() {
    var state = AppStateTests.loaded()
    AppStateTests.type([.character("p")], into: &state)
    _ = state.handle(.mfaNeeded(profile: "ops", serial: "arn:aws:iam::1:mfa/op", refusal: nil))
    #expect(state.keyScope == .code)
    #expect(
      AppStateTests.type(AppStateTests.text("12x3 4") + [.backspace, .enter], into: &state).isEmpty
        == false)
    #expect(
      state.mfa == nil && state.dialog?.title == "Pause mapping",
      "the pause question waits behind it")
  }

  @Test func theAnswerIsTheEffect() {
    var state = AppStateTests.loaded()
    _ = state.handle(.mfaNeeded(profile: "ops", serial: "arn:aws:iam::1:mfa/op", refusal: nil))
    #expect(AppStateTests.type([.enter], into: &state).isEmpty, "an empty code is not sent")
    #expect(
      AppStateTests.type(AppStateTests.text("123456") + [.enter], into: &state) == [
        .answerMFA(code: "123456")
      ])
    _ = state.handle(.mfaNeeded(profile: "ops", serial: "s", refusal: nil))
    #expect(
      AppStateTests.type([.character("9"), .escape], into: &state) == [.answerMFA(code: nil)])
    #expect(state.mfa == nil)
  }

  @Test func theQuestionNamesTheProfileTheDeviceAndTheRefusal() {
    var state = AppStateTests.loaded()
    _ = state.handle(
      .mfaNeeded(
        profile: "ops", serial: "arn:aws:iam::123456789012:mfa/alice",
        refusal: "AccessDenied: MultiFactorAuthentication failed"))
    AppStateTests.type(AppStateTests.text("987"), into: &state)
    let text = RendererTests.render(state).lines.joined(separator: "\n")
    #expect(text.contains("Profile ops assumes its role with an MFA code from"))
    #expect(text.contains("arn:aws:iam::123456789012:mfa/alice"))
    #expect(text.contains("STS refused the last code: AccessDenied: MultiFactorAuthentication"))
    #expect(text.contains("Code: •••▌") && !text.contains("987"))
  }
}

import SluiceTerminal

/// The question for an MFA code: which profile and device, STS's answer to the last code if it
/// refused one, and the digits typed so far (shown masked).
public struct MFAQuestion: Sendable, Equatable {
  public let profile: String
  public let serial: String
  public let refusal: String?
  public internal(set) var code = ""

  /// The longest code accepted; MFA devices give six digits.
  static let maximumLength = 8

  /// Takes a key; the code once it is sent, `.some(nil)` when cancelled, nil while typing.
  mutating func update(_ action: KeyAction?, key: Key) -> String?? {
    switch action {
    case .accept: return code.isEmpty ? nil : .some(code)
    case .cancel: return .some(nil)
    case .deleteText: code = String(code.dropLast())
    case .clearText: code = ""
    default:
      if let digit = key.text, digit.isNumber, code.count < Self.maximumLength {
        code.append(digit)
      }
    }
    return nil
  }
}

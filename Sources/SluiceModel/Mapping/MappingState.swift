/// The life-cycle state a mapping reports, reduced to what an operator acts on.
///
/// The API's `State` is free text in practice (old examples show `""`), so unknown values are kept
/// rather than refused.
public enum MappingState: Sendable, Hashable {
  case creating, enabling, enabled, disabling, disabled, updating, deleting
  case other(String)

  public init(_ text: String?) {
    switch text ?? "" {
    case "Creating": self = .creating
    case "Enabling": self = .enabling
    case "Enabled": self = .enabled
    case "Disabling": self = .disabling
    case "Disabled": self = .disabled
    case "Updating": self = .updating
    case "Deleting": self = .deleting
    case let text: self = .other(text)
    }
  }

  /// True while the service is still moving the mapping from one state to another.
  public var isTransitional: Bool {
    switch self {
    case .creating, .enabling, .disabling, .updating, .deleting: true
    default: false
    }
  }
}

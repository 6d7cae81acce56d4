/// What changed on AWS, since an edit was queued, in the members that edit sends.
///
/// A queued draft remembers the mapping it was based on. Before sending, the mapping is read
/// again: if a member the edit touches differs between that base and the mapping now, sending would
/// overwrite someone else's change, so the edit is held back. Members the edit does not send never
/// block it, and are never overwritten, because only changed members are sent.
public struct Conflict: Sendable, Equatable {
  /// One member in dispute: what the edit started from, what AWS has now, and what the edit sends.
  public struct Field: Sendable, Equatable {
    public let member: String
    public let base: JSONValue?
    public let remote: JSONValue?
    public let mine: JSONValue
  }

  public let remote: EventSourceMapping
  public let fields: [Field]

  /// The conflict between a queued draft and the mapping as AWS has it now, or nil when the edit
  /// can be sent as it is.
  ///
  /// A member AWS already holds at the value the edit sends is no conflict: someone (or an earlier
  /// run of Sluice) made the same change.
  public init?(draft: Draft, remote: EventSourceMapping) {
    let base = draft.before
    let now = Draft(mapping: remote).before
    let pending = Draft(mapping: remote, changes: draft.changes).updateBody
    let fields = draft.updateBody.keys.sorted().compactMap { member -> Field? in
      guard base[member] != now[member], pending[member] != nil else { return nil }
      return Field(
        member: member, base: base[member], remote: now[member], mine: draft.updateBody[member]!)
    }
    guard !fields.isEmpty else { return nil }
    self.remote = remote
    self.fields = fields
  }

  /// The same changes, based on the mapping as it is now.
  public func rebased(_ draft: Draft) -> Draft {
    Draft(mapping: remote, changes: draft.changes)
  }
}

/// What to do with a queued edit once the mapping has been read again just before sending.
public enum ApplyCheck: Sendable, Equatable {
  /// Send this body: the members that still differ from AWS.
  case send([String: JSONValue])
  /// AWS already holds every value the edit sends (an earlier run may have sent it): send nothing.
  case alreadyApplied
  /// Someone changed a member the edit sends: hold it back.
  case conflict(Conflict)

  public init(draft: Draft, remote: EventSourceMapping) {
    if let conflict = Conflict(draft: draft, remote: remote) {
      self = .conflict(conflict)
      return
    }
    let pending = Draft(mapping: remote, changes: draft.changes).updateBody
    self = pending.isEmpty ? .alreadyApplied : .send(pending)
  }
}

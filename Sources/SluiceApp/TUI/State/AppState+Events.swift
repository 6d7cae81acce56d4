import SluiceModel

extension AppState {
  /// Applies one event and returns the effects it calls for.
  public mutating func handle(_ event: AppEvent) -> [Effect] {
    switch event {
    case .key(let key): return handleKey(key)
    case .resized(let newRows, let newColumns):
      rows = newRows
      columns = newColumns
      list.keepSelectionVisible(height: listHeight)
    case .page(let page):
      mappings += page
      list.refilter(mappings)
    case .loaded: loading = false
    case .loadFailed(let text):
      loading = false
      message = Message(text: "Loading failed: \(text)", kind: .error)
    case .reloaded(let all): receiveReload(all)
    case .refreshDue:
      guard !loading, !reloading else { return [] }
      reloading = true
      return [.reload]
    case .updated(let mapping): return receiveUpdate(mapping)
    case .alreadyApplied(let remote): return receiveAlreadyApplied(remote)
    case .updateFailed(let uuid, let text): receiveFailure(uuid, text)
    case .conflicted(let conflict): receiveConflict(conflict)
    case .refreshed(let mapping): replace(mapping)
    case .settleTimedOut(let uuid, let stateName, let seconds):
      let name = mapping(uuid).map(MappingSummary.functionName) ?? uuid
      message = Message(
        text: "\(name) is still \(stateName) after \(seconds) s; r reloads the list.", kind: .error)
    case .edited(let text):
      guard case .form(var form) = page else { return [] }
      receiveExternalEdit(text, &form)
      page = .form(form)
    case .tick: spinnerFrame += 1
    case .identified(let account, let caller):
      self.account = account
      role = caller.flatMap(Self.roleName)
      return [.openJournal(account: account ?? "unknown")]
    case .journalFound(let drafts, let savedAt): offerRestore(drafts, savedAt: savedAt)
    case .undoReady(let draft, let madeAt, let changedSince):
      queueUndo(draft, madeAt: madeAt, changedSince: changedSince)
    case .mfaNeeded(let profile, let serial, let refusal):
      mfa = MFAQuestion(profile: profile, serial: serial, refusal: refusal)
    case .notice(let text, let isError):
      message = Message(text: text, kind: isError ? .error : .info)
    }
    return []
  }

  /// A quiet reload: every mapping replaced in one go, keeping the selected one selected.
  private mutating func receiveReload(_ all: [EventSourceMapping]) {
    reloading = false
    let selected = selectedMapping?.uuid
    mappings = all
    list.rebuild(
      mappings, selecting: selected.flatMap { uuid in all.firstIndex { $0.uuid == uuid } })
  }

  private mutating func receiveAlreadyApplied(_ remote: EventSourceMapping) -> [Effect] {
    let effects = receiveUpdate(remote)
    message = Message(
      text:
        "\(MappingSummary.functionName(remote)) already has these values on AWS: nothing was sent.",
      kind: .info)
    return effects
  }

  private mutating func receiveFailure(_ uuid: String, _ text: String) {
    sending.remove(uuid)
    if queued(uuid) != nil { queueErrors[uuid] = text }
    message = Message(text: "\(uuid): \(text)", kind: .error)
    countBulkAnswer(uuid: uuid, failure: text)
  }

  private mutating func receiveConflict(_ conflict: Conflict) {
    let uuid = conflict.remote.uuid
    sending.remove(uuid)
    conflicts[uuid] = conflict
    replace(conflict.remote)
    let members = conflict.fields.map(\.member).joined(separator: ", ")
    queueErrors[uuid] = "changed on AWS since queued: \(members)"
    message = Message(
      text: "Not sent: \(members) changed on AWS. R rebases the edit, d drops it.", kind: .error)
  }

  /// A successful update: the edit leaves the queue, the row shows the new state, and a
  /// transitional state is followed until it settles.
  mutating func receiveUpdate(_ mapping: EventSourceMapping) -> [Effect] {
    sending.remove(mapping.uuid)
    queueErrors[mapping.uuid] = nil
    conflicts[mapping.uuid] = nil
    let wasQueued = queue.contains { $0.mapping.uuid == mapping.uuid }
    queue.removeAll { $0.mapping.uuid == mapping.uuid }
    replace(mapping)
    let name = MappingSummary.functionName(mapping)
    message = Message(
      text: wasQueued ? "Applied the edit to \(name)." : "\(name) is now \(mapping.state ?? "?").",
      kind: .info)
    countBulkAnswer(uuid: mapping.uuid, failure: nil)
    var effects: [Effect] =
      MappingState(mapping.state).isTransitional ? [.follow(uuid: mapping.uuid)] : []
    // Once the last queued edit has been answered, the whole list is read again.
    if wasQueued, !queue.contains(where: { sending.contains($0.mapping.uuid) }), !reloading,
      !loading
    {
      reloading = true
      effects.append(.reload)
    }
    return effects
  }

}

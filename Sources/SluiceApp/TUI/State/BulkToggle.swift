import SluiceModel

/// Marking rows and pausing or resuming all marked mappings with one confirmation.
///
/// Progress is counted as answers arrive; at the end the message names how many succeeded and
/// which failed, and the failed rows stay marked so the operator can try them again.
public struct BulkProgress: Sendable, Equatable {
  public let enable: Bool
  public let total: Int
  public internal(set) var succeeded = 0
  public internal(set) var failed: [String: String] = [:]
  let pending: Set<String>

  var done: Int { succeeded + failed.count }
}

extension AppState {
  mutating func toggleMark() {
    guard let mapping = selectedMapping else { return }
    if marked.contains(mapping.uuid) {
      marked.remove(mapping.uuid)
    } else {
      marked.insert(mapping.uuid)
    }
    list.move(by: 1, height: listHeight)
  }

  /// Marks every row the filter shows, or clears them when all are marked already.
  mutating func markAllVisible() {
    let shown = Set(list.visible.map { mappings[$0].uuid })
    if shown.isSubset(of: marked) { marked.subtract(shown) } else { marked.formUnion(shown) }
  }

  /// The confirmation for the marked mappings: pause those running, or resume when all are paused.
  mutating func askToToggleMarked() {
    let chosen = mappings.filter { marked.contains($0.uuid) }
    let enable = !chosen.contains { $0.isEnabled }
    let targets = chosen.filter { $0.isEnabled != enable && !sending.contains($0.uuid) }
    guard !targets.isEmpty else {
      message = Message(text: "The marked mappings have requests under way.", kind: .info)
      return
    }
    var lines = [
      "\(enable ? "Resume" : "Pause") \(MappingFilter.describe(targets))?",
      enable ? "Delivery continues from where each stopped." : "Records wait in their sources.",
    ]
    let skipped = chosen.count - targets.count
    if skipped > 0 {
      lines.append("\(skipped) marked mapping\(skipped == 1 ? " is" : "s are") left alone.")
    }
    confirm(
      Dialog(
        title: enable ? "Resume marked mappings" : "Pause marked mappings", lines: lines,
        confirmLabel: enable ? "Resume all" : "Pause all",
        action: .toggleMany(uuids: targets.map(\.uuid), enable: enable)))
  }

  mutating func startBulk(_ uuids: [String], enable: Bool) -> [Effect] {
    bulk = BulkProgress(enable: enable, total: uuids.count, pending: Set(uuids))
    sending.formUnion(uuids)
    reportBulk()
    return uuids.map { .update(uuid: $0, body: ["Enabled": .bool(enable)]) }
  }

  /// Counts one answer for the bulk run, if it belongs to it.
  mutating func countBulkAnswer(uuid: String, failure: String?) {
    guard var progress = bulk, progress.pending.contains(uuid) else { return }
    if let failure {
      progress.failed[uuid] = failure
    } else {
      progress.succeeded += 1
      marked.remove(uuid)
    }
    bulk = progress
    reportBulk()
    if progress.done == progress.total { bulk = nil }
  }

  private mutating func reportBulk() {
    guard let progress = bulk else { return }
    let verb = progress.enable ? "Resum" : "Paus"
    guard progress.done == progress.total else {
      message = Message(text: "\(verb)ing \(progress.done) of \(progress.total)…", kind: .info)
      return
    }
    let failures = progress.failed.map { uuid, reason in
      "\(mapping(uuid).map(MappingSummary.functionName) ?? uuid) (\(reason))"
    }.sorted()
    message = Message(
      text: "\(verb)ed \(progress.succeeded) of \(progress.total)"
        + (failures.isEmpty ? "." : "; failed: " + failures.joined(separator: ", ")),
      kind: failures.isEmpty ? .info : .error)
  }
}

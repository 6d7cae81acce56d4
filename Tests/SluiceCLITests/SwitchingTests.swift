import Foundation
import Testing

/// `:profile` and `:region` in the TUI, in tmux, against moto behind the verifying proxy: the rows
/// and the status bar change, the old session's rows never show under the new name, and a queued
/// edit of the first context waits in its journal to be offered on coming back.
@Suite(.serialized, .enabled(if: Peer.available, "moto_server is not running"))
final class SwitchingTests {
  let peer: Peer

  init() throws { peer = try Peer() }
  deinit { peer.stop() }

  @Test(.enabled(if: SafetyTests.tmuxInstalled))
  func switchingRegionsAndProfilesKeepsEachContextApart() async throws {
    let prefix = "switch-" + UUID().uuidString.prefix(6).lowercased()
    let uuid = try #require(try peer.seed(1, prefix: prefix).first)
    let home = try SignInHome(
      config:
        "[profile east]\nregion = us-east-1\n[profile west]\nregion = eu-west-1\n[profile bare]\n",
      credentials: "[east]\n" + SignInHome.base.dropFirst(7) + "[west]\n"
        + SignInHome.base.dropFirst(7))
    let tmux = try TmuxSession(
      columns: 120, rows: 30,
      environment: TUITests.utf8.merging([
        "HOME": home.path, "AWS_EC2_METADATA_DISABLED": "true", "XDG_STATE_HOME": peer.stateHome,
        "AWS_ENDPOINT_URL_STS": peer.url,
      ]) { _, new in new })
    try tmux.startSluice("--profile east --endpoint-url \(peer.url)", ready: " mappings │ ")
    #expect(try tmux.screen().text.contains("│ east │ us-east-1 │"))
    try tmux.edit("batchsize", of: uuid, to: "6", kind: "")
    try tmux.press("Enter", "w")
    try tmux.waitFor("1 queued")
    try tmux.press("Escape", until: "/ to filter")
    // :profile west brings its own region, where moto holds none of the east's mappings.
    try tmux.press(":", until: ":▌")
    try tmux.type("profile we", until: ":profile we▌")
    try tmux.press("Tab", until: ":profile west▌")
    // A whole frame of the new session: ncurses redraws row by row, so wait for its last row too.
    let west = try tmux.send(["Enter"], until: "the west's whole screen") {
      $0.text.contains("│ west │ eu-west-1 │") && $0.text.contains(" 0 queued")
        && !$0.text.contains(":profile west")
    }
    #expect(!west.text.contains(prefix), "the east's rows showed under west: \(west.text)")
    // Back to the east: its queued edit is offered again.
    try tmux.press(":", until: ":▌")
    try tmux.type("profile east", until: ":profile east▌")
    try tmux.press("Enter", until: "Restore queued edits")
    try tmux.press("y", until: "1 queued")
    #expect(try tmux.screen().text.contains("│ east │ us-east-1 │"))
    // A profile that cannot be opened says why in the footer, and the session stays where it was.
    try tmux.press(":", until: ":▌")
    try tmux.type("profile bare", until: ":profile bare▌")
    try tmux.press("Enter", until: "Could not switch: No AWS region")
    #expect(try tmux.screen().text.contains("│ east │ us-east-1 │"))
    // ↑ on the command line recalls the last command.
    try tmux.press(":", until: ":▌")
    try tmux.press("Up", until: ":profile bare▌")
    try tmux.press("Up", until: ":profile east▌")
    try tmux.press("Escape", untilGone: ":profile east▌")
    try tmux.press("Q", until: "Queue")
    try tmux.press("d", until: "Dropped the edit")
    try tmux.press("Escape", "q")
    try tmux.waitForShell()
  }
}

/// Reads single text elements out of the small XML documents STS answers with.
///
/// STS speaks the query protocol: its answers and errors are XML. Sluice needs a handful of leaf
/// values from them, so a full parser would be more code than the job.
enum XMLText {
  /// The unescaped text of the first `<name>…</name>` in `document`, or nil.
  static func first(_ name: String, in document: String) -> String? {
    guard let open = document.range(of: "<\(name)>"),
      let close = document.range(of: "</\(name)>", range: open.upperBound..<document.endIndex)
    else { return nil }
    return unescaped(String(document[open.upperBound..<close.lowerBound]))
  }

  static func unescaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
      .replacingOccurrences(of: "&amp;", with: "&")
  }
}

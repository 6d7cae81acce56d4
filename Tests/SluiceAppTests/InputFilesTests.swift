import Foundation
import SluiceApp
import SluiceModel
import Testing

struct InputFilesTests {
  func write(_ text: String) throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("sluice-input-\(UUID().uuidString).json").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  func problem(_ body: () throws -> Void) -> String? {
    do {
      try body()
      return nil
    } catch {
      return (error as? InputFiles.Problem)?.description ?? "unexpected \(error)"
    }
  }

  @Test func namesTheFileAndTheProblem() throws {
    let broken = try write(#"{"UUID": 5,, }"#)
    #expect(
      problem { _ = try InputFiles.mapping(at: broken) }
        == "\(broken): is not valid JSON (Invalid value around character 11)")
    let list = try write("[1]")
    #expect(
      problem { _ = try InputFiles.mapping(at: list) }?.hasSuffix(
        "must hold a JSON object (a mapping), not a list") == true)
    let typed = try write(#"{"UUID": "u", "BatchSize": "ten"}"#)
    #expect(
      problem { _ = try InputFiles.mapping(at: typed) }?.hasSuffix(
        "BatchSize should be a whole number") == true)
    #expect(
      problem { _ = try InputFiles.mapping(at: "/no/such/file") }?.hasPrefix(
        "/no/such/file: cannot be read") == true)
  }

  @Test func updateMayNameTheSameMappingButNoOther() throws {
    let mapping = try EventSourceMapping(document: ["UUID": "u-1"])
    let same = try write(#"{"UUID": "u-1", "BatchSize": 5}"#)
    #expect(try InputFiles.update(at: same, for: mapping) == ["BatchSize": 5])
    let other = try write(#"{"UUID": "u-2", "BatchSize": 5}"#)
    #expect(
      problem { _ = try InputFiles.update(at: other, for: mapping) }?.contains("not u-1") == true)
  }
}

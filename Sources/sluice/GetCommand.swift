import ArgumentParser
import SluiceApp
import SluiceModel

/// `sluice get UUID`: one mapping, every field that applies to its kind.
struct Get: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "get", abstract: "Show one event source mapping.")

  @OptionGroup var aws: AWSOptions

  @Argument(help: "The mapping's UUID.")
  var uuid: String

  @Flag(help: "Print JSON as GetEventSourceMapping returns it.")
  var json = false

  func run() async throws {
    let mapping = try await withSession(aws, readOnly: true) { session in
      try await session.client.get(uuid)
    }
    print(json ? JSONValue.object(mapping.document).prettyText : MappingDetails.render(mapping))
  }
}

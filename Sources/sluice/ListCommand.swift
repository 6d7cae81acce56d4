import ArgumentParser
import SluiceApp
import SluiceModel

/// `sluice list`: every mapping of the account and region, as a table or JSON.
struct List: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "List event source mappings.")

  @OptionGroup var aws: AWSOptions

  @Option(help: "Only mappings of this function (name or ARN).")
  var function: String?

  @Option(help: "Only mappings of this source ARN.")
  var source: String?

  @Flag(help: "Print JSON as ListEventSourceMappings returns it, all pages joined.")
  var json = false

  func run() async throws {
    let mappings = try await withSession(aws, readOnly: true) { session in
      try await session.client.listAll(functionName: function, eventSourceArn: source)
    }
    if json {
      let documents = mappings.map { JSONValue.object($0.document) }
      print(JSONValue.object(["EventSourceMappings": .array(documents)]).prettyText)
    } else {
      print(MappingTable.render(mappings))
    }
  }
}

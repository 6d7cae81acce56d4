// swift-tools-version: 6.1
import PackageDescription

// Dependencies point one way: sluice → SluiceApp → (SluiceTerminal, SluiceClient) → SluiceModel.
// SluiceModel is pure Swift (no UI, no network), so both front ends share one set of rules, and
// the terminal shares its sanitiser for text from the network.
let package = Package(
  name: "Sluice",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "sluice", targets: ["sluice"]),
    .library(name: "SluiceModel", targets: ["SluiceModel"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
  ],
  targets: [
    .target(name: "SluiceModel"),
    .target(
      name: "SluiceClient",
      dependencies: [
        "SluiceModel",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
    .target(name: "SluiceTerminal", dependencies: ["CNcursesw", "SluiceModel"]),
    .target(
      name: "SluiceApp",
      dependencies: [
        "SluiceModel", "SluiceClient", "SluiceTerminal",
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .executableTarget(
      name: "sluice",
      dependencies: [
        "SluiceApp", "SluiceClient", "SluiceModel", "SluiceTerminal",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "sluice-bench",
      dependencies: ["SluiceModel", "SluiceClient", "SluiceApp", "SluiceTerminal"]
    ),
    // Helpers shared by test targets only (a seeded generator for the fuzz and property tests).
    .target(name: "SluiceTestSupport", path: "Tests/SluiceTestSupport"),
    .testTarget(name: "SluiceModelTests", dependencies: ["SluiceModel"]),
    .testTarget(
      name: "SluiceClientTests", dependencies: ["SluiceClient", "SluiceTestSupport"],
      exclude: ["Credentials/imds_stub.py"]),
    .testTarget(name: "SluiceTerminalTests", dependencies: ["SluiceTerminal"]),
    .testTarget(name: "SluiceAppTests", dependencies: ["SluiceApp", "SluiceTestSupport"]),
    .testTarget(name: "SluiceCLITests", dependencies: ["sluice"]),
  ]
)

import SluiceApp
import SluiceClient
import Testing

struct SluiceConfigTests {
  @Test func readsTheSwitchAtTheTopAndPerProfile() {
    let config = SluiceConfig(
      parsing: """
        # safety first
        read_only = false
        [profiles.prod]
        read_only = true   # production is look-only
        [profiles."prod-admin"]
        read_only = true
        [profiles.dev]
        read_only = false
        """)
    #expect(!config.readOnly)
    #expect(config.isReadOnly(profile: "prod") && config.isReadOnly(profile: "prod-admin"))
    #expect(!config.isReadOnly(profile: "dev") && !config.isReadOnly(profile: "default"))
    #expect(SluiceConfig(parsing: "read_only = true\n").isReadOnly(profile: "anything"))
    #expect(SluiceConfig(parsing: "").readOnly == false)
  }

  @Test func livesUnderTheXDGConfigHome() {
    #expect(
      SluiceConfig.path(
        in: AWSEnvironment(variables: ["XDG_CONFIG_HOME": "/x"], homeDirectory: "/h"))
        == "/x/sluice/config.toml")
    #expect(
      SluiceConfig.path(in: AWSEnvironment(variables: [:], homeDirectory: "/h"))
        == "/h/.config/sluice/config.toml")
  }
}

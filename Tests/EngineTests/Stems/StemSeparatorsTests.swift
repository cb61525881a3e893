@testable import Engine
import Model
import Testing

/// Which stem providers an engine offers, from its configuration, and the one lookup by name
/// with the API's codes.
@Suite struct StemSeparatorsTests {
    @Test func localIsAlwaysThereAndIsTheDefault() throws {
        let registry = StemSeparators(configuration: EngineConfiguration(environment: [:])).registry()
        #expect(try registry.separator("local").name == "local")
        #expect(registry.providers().map(\.name) == ["local", "lalal"])
        #expect(registry.providers().map(\.configured) == [true, false])
    }

    @Test func lalalWithoutAKeyTellsWhatToSet() throws {
        let registry = StemSeparators(configuration: EngineConfiguration(environment: ["LALAL_API_KEY": "  "])).registry()
        let error = #expect(throws: SampleTokError.self) { _ = try registry.separator("lalal") }
        #expect(error?.code == "stems.provider_unconfigured")
        #expect(error?.message.contains("LALAL_API_KEY") == true)
        let lalal = registry.providers().first { $0.name == "lalal" }
        #expect(lalal?.configured == false && lalal?.reason?.contains("LALAL_API_KEY") == true)
        #expect(lalal?.stems.allSatisfy { $0.support == .unsupported && $0.reason?.contains("LALAL_API_KEY") == true } == true)
    }

    @Test func anUnknownProviderIsNamedInTheError() throws {
        let registry = StemSeparators(configuration: EngineConfiguration(environment: [:])).registry()
        let error = #expect(throws: SampleTokError.self) { _ = try registry.separator("demucs") }
        #expect(error?.code == "stems.provider_unknown")
        #expect(error?.message.contains("demucs") == true)
    }

    @Test func lalalConfigurationComesFromTheEnvironment() throws {
        let plain = EngineConfiguration(environment: [:])
        #expect(plain.lalalAPIKey == nil)
        #expect(plain.lalalBaseURL == "https://www.lalal.ai/api/v1/")
        #expect(plain.stemTimeout == 600)
        let set = EngineConfiguration(environment: ["LALAL_API_KEY": "k", "LALAL_API_BASE_URL": "http://127.0.0.1:9/v1/"])
        #expect(set.lalalAPIKey == "k")
        #expect(set.lalalBaseURL == "http://127.0.0.1:9/v1/")
        let registry = StemSeparators(configuration: set).registry()
        #expect(registry.providers().map(\.configured) == [true, true])
        #expect(try registry.separator("lalal").name == "lalal")
    }
}

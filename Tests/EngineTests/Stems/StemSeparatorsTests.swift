@testable import Engine
import Model
import Testing

/// Which stem providers an engine offers, from its configuration.
@Suite struct StemSeparatorsTests {
    @Test func localIsAlwaysThereAndIsTheDefault() throws {
        let separators = StemSeparators(configuration: EngineConfiguration(environment: [:]))
        #expect(separators.available == ["local"])
        #expect(try separators.separator().name == "local")
        #expect(try separators.separator(named: "local").name == "local")
    }

    @Test func lalalWithoutAKeyTellsWhatToSet() throws {
        let separators = StemSeparators(configuration: EngineConfiguration(environment: ["LALAL_API_KEY": "  "]))
        let error = #expect(throws: SampleTokError.self) { _ = try separators.separator(named: "lalal") }
        #expect(error?.code == "stems.provider_not_configured")
        #expect(error?.message.contains("LALAL_API_KEY") == true)
    }

    @Test func anUnknownProviderIsNamedInTheError() throws {
        let separators = StemSeparators(configuration: EngineConfiguration(environment: [:]))
        let error = #expect(throws: SampleTokError.self) { _ = try separators.separator(named: "demucs") }
        #expect(error?.code == "stems.unknown_provider")
        #expect(error?.message.contains("demucs") == true)
    }

    @Test func lalalConfigurationComesFromTheEnvironment() {
        let plain = EngineConfiguration(environment: [:])
        #expect(plain.lalalAPIKey == nil)
        #expect(plain.lalalBaseURL == "https://www.lalal.ai/api/v1/")
        #expect(plain.stemTimeout == 600)
        let set = EngineConfiguration(environment: ["LALAL_API_KEY": "k", "LALAL_API_BASE_URL": "http://127.0.0.1:9/v1/"])
        #expect(set.lalalAPIKey == "k")
        #expect(set.lalalBaseURL == "http://127.0.0.1:9/v1/")
        #expect(StemSeparators(configuration: set).available == ["local", "lalal"])
    }
}

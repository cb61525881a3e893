import Foundation
import Model
import Net

/// The stem separators an engine offers: `local` always, `lalal` (LALAL.AI) only when
/// `LALAL_API_KEY` is set.
struct StemSeparators: Sendable {
    /// The provider name of the offline separator, the default.
    static let local = "local"
    /// The provider name of LALAL.AI.
    static let lalal = "lalal"

    private let configuration: EngineConfiguration
    /// The connection to LALAL.AI, when it is configured.
    private let lalalHTTP: HTTPClient?

    /// The separators of `configuration`.
    init(configuration: EngineConfiguration) {
        self.configuration = configuration
        lalalHTTP = configuration.lalalAPIKey == nil ? nil : HTTPClient()
    }

    /// The names of the providers that can be used, the default first.
    var available: [String] {
        configuration.lalalAPIKey == nil ? [Self.local] : [Self.local, Self.lalal]
    }

    /// The separator called `name` (`local` when nil).
    ///
    /// - Throws: `stems.provider_not_configured` for `lalal` without `LALAL_API_KEY`,
    ///   `stems.unknown_provider` for any other name.
    func separator(named name: String? = nil) throws -> any StemSeparator {
        switch name ?? Self.local {
        case Self.local:
            return LocalStemSeparator(maxDuration: configuration.maxDuration)
        case Self.lalal:
            guard let key = configuration.lalalAPIKey, let http = lalalHTTP else {
                throw SampleTokError(code: "stems.provider_not_configured", message:
                    "The LALAL.AI provider is not configured: set LALAL_API_KEY to your LALAL.AI license key "
                    + "(and restart), or choose the local provider.")
            }
            return LALALStemSeparator(client: LALALClient(baseURL: configuration.lalalBaseURL, key: key, http: http),
                                      timeout: configuration.stemTimeout)
        case let other:
            throw SampleTokError(code: "stems.unknown_provider", message:
                "There is no stem provider called '\(other)'. Choose one of: \(available.joined(separator: ", ")).")
        }
    }
}

import Foundation
import Model

/// The stem separators an engine offers: `local` always, `lalal` (LALAL.AI) only when
/// `LALAL_API_KEY` is set.
struct StemSeparators: Sendable {
    /// The provider name of the offline separator, the default.
    static let local = "local"
    /// The provider name of LALAL.AI.
    static let lalal = "lalal"

    private let configuration: EngineConfiguration

    /// The separators of `configuration`.
    init(configuration: EngineConfiguration) {
        self.configuration = configuration
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
            guard configuration.lalalAPIKey != nil else {
                throw SampleTokError(code: "stems.provider_not_configured", message:
                    "The LALAL.AI provider is not configured: set LALAL_API_KEY to your LALAL.AI license key "
                    + "(and restart), or choose the local provider.")
            }
            throw SampleTokError(code: "stems.provider_not_configured", message:
                "This build of SampleTok has no LALAL.AI client yet; choose the local provider.")
        case let other:
            throw SampleTokError(code: "stems.unknown_provider", message:
                "There is no stem provider called '\(other)'. Choose one of: \(available.joined(separator: ", ")).")
        }
    }
}

import Foundation
import Model
import Net

/// Makes the stem separators of a configuration: `local` always, `lalal` (LALAL.AI) only when
/// `LALAL_API_KEY` is set. Looking a provider up by name, with the API's refusals
/// (`stems.provider_unknown`, `stems.provider_unconfigured`), is `StemProviderRegistry`'s job.
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

    /// The registry of every known provider: the separator of each one configured here, and
    /// what to set for the others.
    func registry() -> StemProviderRegistry {
        var separators: [any StemSeparator] = [LocalStemSeparator(maxDuration: configuration.maxDuration)]
        var reasons: [String: String] = [:]
        if let key = configuration.lalalAPIKey {
            let client = LALALClient(baseURL: configuration.lalalBaseURL, key: key, http: HTTPClient())
            separators.append(LALALStemSeparator(client: client, timeout: configuration.stemTimeout))
        } else {
            reasons[Self.lalal] = "set LALAL_API_KEY to your LALAL.AI license key (and restart), or choose the local provider"
        }
        return StemProviderRegistry(separators: separators, reasons: reasons)
    }
}

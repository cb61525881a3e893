import Foundation
import Model

/// The stem providers a library knows (`local`, `lalal`): the separator of each configured one,
/// and why the others cannot take requests. Stem requests and the stem dialog's catalog read it.
struct StemProviderRegistry: Sendable {
    /// A provider's API name and its name for people, the default first.
    static let known: [(name: String, displayName: String)] = [(StemSeparators.local, "local (offline)"), (StemSeparators.lalal, "LALAL.AI")]

    private var separators: [String: any StemSeparator] = [:]
    private let reasons: [String: String]

    /// A registry with `separators` configured; every other known provider is unavailable for
    /// the reason in `reasons` (or a generic one).
    init(separators: [any StemSeparator], reasons: [String: String] = [:]) {
        for separator in separators { self.separators[separator.name] = separator }
        self.reasons = reasons
    }

    /// This registry with `separator` configured under its name (replacing any before it).
    func replacing(_ separator: any StemSeparator) -> StemProviderRegistry {
        var changed = self
        changed.separators[separator.name] = separator
        return changed
    }

    /// The separator of `name`: `stems.provider_unknown` for a name no provider has,
    /// `stems.provider_unconfigured` (with what to set) for one that is not configured here.
    func separator(_ name: String) throws -> any StemSeparator {
        if let separator = separators[name] { return separator }
        let reason = reasons[name]
        guard Self.known.contains(where: { $0.name == name }) else {
            throw SampleTokError(.stemsProviderUnknown, "There is no stem provider '\(name)': choose \(Self.known.map(\.name).joined(separator: " or ")).")
        }
        throw SampleTokError(.stemsProviderUnconfigured, "The stem provider '\(name)' is not available here: \(reason ?? "it is not configured on this server").")
    }

    /// Every known provider with what it makes of each stem type.
    func providers() -> [StemProvider] {
        Self.known.map { known in
            guard let separator = separators[known.name] else {
                let reason = reasons[known.name] ?? "it is not configured on this server"
                return StemProvider(name: known.name, displayName: known.displayName, configured: false, reason: reason,
                                    stems: StemType.allCases.map { StemOffer(type: $0, support: .unsupported, reason: reason) })
            }
            return StemProvider(name: known.name, displayName: known.displayName, configured: true, reason: nil,
                                stems: StemType.allCases.map { StemOffer(type: $0, separator.support(for: $0)) })
        }
    }
}

extension StemOffer {
    /// The offer of a separator's support.
    init(type: StemType, _ support: StemSupport) {
        switch support {
        case .supported: self.init(type: type, support: .supported)
        case .estimate(let reason): self.init(type: type, support: .estimate, reason: reason)
        case .unsupported(let reason): self.init(type: type, support: .unsupported, reason: reason)
        }
    }
}

import Foundation
import Model
import Resolvers

/// What a library uses from outside itself, made once and handed in when it opens: the link
/// services (resolvers, the media fetcher, TikTok's API, yt-dlp) and the stem providers.
/// `.live(configuration)` is what the app, the CLI and the server use; tests hand in their own
/// parts (a separator, link services pointed at a fake) instead of reaching into a library;
/// only the live value is public, as the separators are the engine's own.
public struct LibraryDependencies: Sendable {
    /// Resolvers, the fetcher, TikTok's API and yt-dlp.
    public var links: LinkServices
    /// The stem providers and their separators.
    var stemProviders: StemProviderRegistry

    /// Dependencies made of these parts.
    init(links: LinkServices, stemProviders: StemProviderRegistry) {
        self.links = links
        self.stemProviders = stemProviders
    }

    /// The real parts for `configuration`: its sources and address policy, the local separator
    /// and LALAL.AI when its key is set.
    public static func live(_ configuration: EngineConfiguration) -> LibraryDependencies {
        LibraryDependencies(
            links: .live(configuration.sources, policy: configuration.userURLPolicy,
                         allowLocalFiles: configuration.allowLocalFiles, maxDownloadBytes: configuration.maxDownloadBytes),
            stemProviders: StemSeparators(configuration: configuration).registry())
    }

    /// These dependencies with `separator` as the provider of its name (replacing the one before).
    func using(_ separator: any StemSeparator) -> LibraryDependencies {
        var changed = self
        changed.stemProviders = stemProviders.replacing(separator)
        return changed
    }
}

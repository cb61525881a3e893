import Foundation
import Model

/// Turns what a user submitted into a `SourceMedia` through a chain of resolvers, each claiming
/// the links it understands, first come first served: TikTok, Instagram, yt-dlp (when it is
/// installed), then direct http(s) media. Local files are taken in local mode only.
public struct SourceResolver: Sendable {
    public let allowLocalFiles: Bool
    /// The chain, in order; the last (direct media) claims any http(s) URL.
    public let resolvers: [any LinkResolver]

    /// The kind of submission and its canonical form, checked before anything is stored.
    public enum Submission: Sendable {
        /// A file on this machine (local mode).
        case file(path: String)
        /// A link a resolver claimed.
        case url(ClaimedLink)
    }

    /// Classifies a submission: a local file, or a link one of the resolvers claimed.
    public func classify(_ text: String) async throws -> Submission {
        switch try parse(text) {
        case .file(let path): return .file(path: path)
        case .url(let url): return .url(try await claim(url).1)
        }
    }

    /// Resolves a stored submission (the job's source) to where its media is.
    public func resolve(_ source: String) async throws -> SourceMedia {
        switch try parse(source) {
        case .file(let path):
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            return SourceMedia(location: .file(path), platform: "local", title: name)
        case .url(let url):
            let (resolver, link) = try await claim(url)
            return try await resolver.resolve(link)
        }
    }

    /// The profile of an account, from the first resolver that has one for `platform`.
    public func profile(platform: String, username: String) async throws -> Creator? {
        for resolver in resolvers {
            if let creator = try await resolver.profile(platform: platform, username: username) { return creator }
        }
        return nil
    }

    private enum Parsed {
        case file(String)
        case url(URLComponents)
    }

    private func parse(_ text: String) throws -> Parsed {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw SampleTokError.invalid("Give a URL or a file path.") }
        if let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), scheme.count > 1 {
            if scheme == "file" {
                guard allowLocalFiles else { throw SampleTokError.linkUnsupported("This server does not take file: URLs.") }
                return .file(url.path)
            }
            guard scheme == "http" || scheme == "https" else {
                throw SampleTokError.linkUnsupported("'\(scheme):' links are not supported: give an http(s) URL\(allowLocalFiles ? " or a file path" : "").")
            }
            guard let components = URLComponents(string: trimmed), let host = components.host, !host.isEmpty else {
                throw SampleTokError(.linkInvalid, "'\(trimmed)' is not a valid URL.")
            }
            return .url(components)
        }
        guard allowLocalFiles else { throw SampleTokError.linkUnsupported("Give an http(s) URL.") }
        return .file(URL(fileURLWithPath: trimmed).standardizedFileURL.path)
    }

    private func claim(_ url: URLComponents) async throws -> (any LinkResolver, ClaimedLink) {
        for resolver in resolvers {
            if let link = try await resolver.claim(url) { return (resolver, link) }
        }
        throw SampleTokError(.linkInvalid, "'\(url.string ?? "")' is not a valid URL.")
    }
}

import Foundation
import Media
import Model

/// Turns what a user submitted into a `SourceMedia`: local files (in local mode) and direct
/// http(s) media URLs. TikTok, Instagram and yt-dlp resolvers join this chain later.
struct SourceResolver: Sendable {
    let allowLocalFiles: Bool

    /// The kind of submission and its canonical form, checked before anything is stored.
    enum Submission: Sendable {
        case file(path: String)
        case url(canonical: String)
    }

    /// Classifies a submission.
    func classify(_ text: String) throws -> Submission {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw SampleTokError.invalid("Give a URL or a file path.") }
        if let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), scheme.count > 1 {
            if scheme == "file" {
                guard allowLocalFiles else { throw SampleTokError.linkUnsupported("This server does not take file: URLs.") }
                return .file(path: url.path)
            }
            guard scheme == "http" || scheme == "https" else {
                throw SampleTokError.linkUnsupported("'\(scheme):' links are not supported: give an http(s) URL\(allowLocalFiles ? " or a file path" : "").")
            }
            guard let canonical = URLCanonicalizer.canonical(trimmed) else {
                throw SampleTokError(code: "link.invalid", message: "'\(trimmed)' is not a valid URL.")
            }
            return .url(canonical: canonical)
        }
        guard allowLocalFiles else { throw SampleTokError.linkUnsupported("Give an http(s) URL.") }
        return .file(path: URL(fileURLWithPath: trimmed).standardizedFileURL.path)
    }

    /// Resolves a stored submission (the job's source) to where its media is.
    func resolve(_ source: String) async throws -> SourceMedia {
        switch try classify(source) {
        case .file(let path):
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            return SourceMedia(location: .file(path), platform: "local", title: name)
        case .url(let canonical):
            let name = URL(string: canonical)?.deletingPathExtension().lastPathComponent ?? canonical
            return SourceMedia(location: .url(canonical), platform: "http", title: name.isEmpty || name == "/" ? canonical : name)
        }
    }
}

import Foundation
import Model
import Net

/// Downloads direct media URLs through the Net module's libcurl client: at most 5 redirects,
/// connect and idle timeouts, a size limit checked on Content-Length and while streaming, and
/// a look at what arrived (a web page is not media).
struct DirectURLFetcher: MediaFetcher {
    let client: HTTPClient
    let maxBytes: Int64
    /// What a page's submitter can do instead, said when a web page arrives.
    let pageAdvice: String

    /// A fetcher under `policy` (a server must not be turned against its own network: SSRF; the
    /// local app may fetch from the LAN) that refuses bodies over `maxBytes`.
    init(policy: AddressPolicy, maxBytes: Int64, sources: SourcesConfiguration) {
        client = HTTPClient(addressPolicy: policy)
        self.maxBytes = maxBytes
        if sources.ytdlpPath != nil, policy.refusesNonPublic {
            pageAdvice = " This server hands pages to yt-dlp only for the sites in YTDLP_ALLOWED_HOSTS."
        } else {
            pageAdvice = " Install yt-dlp (on PATH, or YTDLP_PATH) to take the media of pages of other sites."
        }
    }

    func download(_ url: String, headers: [String: String], to path: String,
                  progress: @escaping @Sendable (Double) -> Void) async throws {
        var request = HTTPRequest.get(url)
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) where Self.forwardable(name) { request.headers.set(name, value) }
        request.maxRedirects = 5
        request.connectTimeout = .seconds(10)
        request.idleTimeout = .seconds(30)
        request.timeout = .seconds(30 * 60)
        request.maxResponseBytes = maxBytes
        let response: HTTPResponse
        do {
            response = try await client.download(request, to: path) { transfer in
                if let expected = transfer.expectedBytes, expected > 0 {
                    progress(min(1, Double(transfer.receivedBytes) / Double(expected)))
                }
            }
        } catch let error as NetError {
            let failure = Self.jobError(error, url: url)
            throw SampleTokError(code: failure.code, message: URLRedactor.redact(failure.message, mentioning: url))
        }
        if let reason = Self.notMedia(response: response, path: path, pageAdvice: pageAdvice) {
            try? FileManager.default.removeItem(atPath: path)
            throw SampleTokError.linkUnsupported(URLRedactor.redact(URLRedactor.redact(reason, mentioning: response.url), mentioning: url))
        }
    }

    /// Whether a header a site asked for may go with the media request (not the ones that say
    /// how the request is framed, which libcurl sets itself).
    static func forwardable(_ name: String) -> Bool {
        !["host", "content-length", "transfer-encoding", "connection", "accept-encoding", "range"].contains(name.lowercased())
    }

    /// The job's error for a failed download. A 4xx answer other than 408, 425 and 429 says the file
    /// is not there (or not public): `link.not_found`, which a job does not try again; 5xx and the
    /// rest stay `fetch.*`, retried with backoff.
    static func jobError(_ error: NetError, url: String) -> SampleTokError {
        if error.has(.fetchHTTPStatus), let status = error.status, (400..<500).contains(status),
           ![408, 425, 429].contains(status) {
            return SampleTokError(.linkNotFound, "'\(url)' answered HTTP \(status): the file is not there or not public. Check the link.")
        }
        return SampleTokError(code: error.code, message: error.message)
    }

    /// Why the downloaded file is not media, or nil when it may be.
    static func notMedia(response: HTTPResponse, path: String, pageAdvice: String = "") -> String? {
        let head = (FileHandle(forReadingAtPath: path).flatMap { try? $0.read(upToCount: 512) }) ?? Data()
        let text = String(decoding: head, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let type = response.mimeType?.lowercased() ?? ""
        if type == "text/html" || type == "application/xhtml+xml" || text.hasPrefix("<!doctype html") || text.hasPrefix("<html") {
            return "\(response.url) is a web page, not an audio or video file. Give the media file's own URL"
                + " (TikTok and Instagram links are supported through their resolvers)." + pageAdvice
        }
        if type.hasPrefix("application/json") || type.hasPrefix("text/plain") {
            return "\(response.url) answered with \(type), not an audio or video file."
        }
        return nil
    }
}

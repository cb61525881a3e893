import Foundation
import Model
import Net

/// One API behind the RapidAPI gateway: its base URL (configuration, defaulting to the real
/// service), the `X-RapidAPI-Host` it is sold under (always the real host name, also when the
/// base URL points at a fake), and the key. Every call goes through the Net client with
/// timeouts and a bounded number of tries on transient failures (transport errors and 5xx);
/// the gateway's and the provider's errors become dotted codes a user can act on.
struct RapidAPIGateway: Sendable {
    /// The API's name in messages, e.g. `TikTok (RapidAPI "TikTok Video No Watermark")`.
    let name: String
    /// The base URL, e.g. `https://tiktok-video-no-watermark2.p.rapidapi.com`.
    let baseURL: String
    /// The `X-RapidAPI-Host` header.
    let host: String
    /// The `X-RapidAPI-Key` header (`RAPIDAPI_KEY`).
    let key: String
    /// The HTTP client (the API is configuration, so any address is allowed).
    let http: HTTPClient
    /// Tries per call for transient failures.
    let attempts: Int
    /// Seconds before the second try; each later one doubles.
    let retryDelay: Double

    /// GETs `path` with `query` and returns the body of a 2xx answer.
    func get(_ path: String, query: [(String, String)]) async throws -> Data {
        guard var components = URLComponents(string: baseURL) else {
            throw SampleTokError(.configInvalid, "The base URL '\(baseURL)' of \(name) is not a URL.")
        }
        let basePath = components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path
        components.path = basePath + path
        components.queryItems = query.isEmpty ? nil : query.map { URLQueryItem(name: $0.0, value: $0.1) }
        // `+` is a space in a form-encoded query; a literal one in a URL parameter must be escaped.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        guard let url = components.string else {
            throw SampleTokError(.configInvalid, "The base URL '\(baseURL)' of \(name) is not a URL.")
        }
        var request = HTTPRequest.get(url)
        request.headers = ["X-RapidAPI-Key": key, "X-RapidAPI-Host": host, "Accept": "application/json"]
        request.timeout = .seconds(30)
        request.connectTimeout = .seconds(10)
        request.maxResponseBytes = 8 << 20
        request.acceptCompressed = true
        var failure = SampleTokError(.fetchProviderError, "\(name) did not answer.")
        for attempt in 0..<max(1, attempts) {
            if attempt > 0 { try await Task.sleep(for: .seconds(retryDelay * pow(2, Double(attempt - 1)))) }
            let response: HTTPResponse
            do {
                response = try await http.send(request)
            } catch let error as NetError {
                failure = SampleTokError(code: error.code, message: "\(name): \(error.message)")
                if Self.transientCodes.contains(error.code) { continue }
                throw failure
            }
            if response.isSuccess { return response.body }
            failure = gatewayError(response)
            if response.status < 500 { throw failure }
        }
        throw failure
    }

    /// Transport failures another try may cure.
    static let transientCodes: Set<String> = [ErrorCode.fetchUnreachable.name, ErrorCode.fetchTimeout.name, ErrorCode.fetchFailed.name]

    /// The error for a non-2xx answer of the gateway or the provider.
    func gatewayError(_ response: HTTPResponse) -> SampleTokError {
        let said = Self.message(in: response.body).map { ": \"\($0)\"" } ?? ""
        switch response.status {
        case 401, 403:
            return SampleTokError(.fetchProviderAuth, "\(name) refused the key (HTTP \(response.status)\(said)). Check RAPIDAPI_KEY and that"
                                      + " its RapidAPI account is subscribed to \(host).")
        case 429:
            if let seconds = response.headers["Retry-After"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
                return SampleTokError(.rateLimited, "\(name) is rate limited (HTTP 429\(said)); try again in \(seconds) s.")
            }
            return SampleTokError(.rateLimited, "\(name) quota is used up (HTTP 429\(said)); it comes back when the plan's period"
                                      + " renews, or upgrade the plan of RAPIDAPI_KEY on rapidapi.com.")
        case 404:
            return SampleTokError(.linkNotFound, "\(name) found nothing there (HTTP 404\(said)).")
        default:
            return SampleTokError(.fetchProviderError, "\(name) answered HTTP \(response.status)\(said). Try again later.")
        }
    }

    /// The `message` (RapidAPI) or `msg`/`detail` (providers) of a JSON error body, shortened.
    static func message(in body: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
        let text = (object["message"] ?? object["msg"] ?? object["detail"]) as? String
        return text.map { String($0.prefix(300)) }
    }

    /// `relative` resolved against the base URL (providers sometimes answer with media paths
    /// relative to their own origin); absolute URLs come back as they are.
    func absolute(_ relative: String?) -> String? {
        guard let relative, !relative.isEmpty else { return nil }
        if let url = URL(string: relative), url.scheme != nil { return relative }
        return URL(string: relative, relativeTo: URL(string: baseURL))?.absoluteString
    }
}

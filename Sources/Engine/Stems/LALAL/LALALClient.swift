import Foundation
import Model
import Net

/// The calls of LALAL.AI's v1 API over SampleTok's one HTTP client: every
/// operation a POST with the license key in `X-License-Key`, JSON in and out (the upload sends
/// the raw file), track downloads a plain GET. Every call throws a `SampleTokError`, or
/// `LALALRateLimited` on a 429.
struct LALALClient: Sendable {
    /// The API base, ending in `/` (`https://www.lalal.ai/api/v1/`).
    let baseURL: String
    private let key: String
    private let http: HTTPClient

    init(baseURL: String, key: String, http: HTTPClient) {
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.key = key
        self.http = http
    }

    /// Uploads the file at `file` and returns its source id.
    func upload(_ file: URL) async throws -> String {
        let body: Data
        do { body = try Data(contentsOf: file, options: .alwaysMapped) } catch {
            throw SampleTokError(.mediaNotFound, "Cannot read the sample's audio at \(file.path).")
        }
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/octet-stream")
        headers.add("Content-Disposition", Self.contentDisposition(file.lastPathComponent))
        let request = HTTPRequest(url: baseURL + "upload/", method: .post, headers: headers, body: body,
                                  timeout: .seconds(30 * 60))
        let upload: LALALWire.Upload = try await call(request, "the upload")
        return upload.id
    }

    /// Starts a split of `source` into `stem` and returns its task id.
    func split(source: String, stem: String) async throws -> String {
        // In v1, `voice` has its own endpoint; every other stem is a stem_separator split.
        let path = stem == "voice" ? "split/voice_clean/" : "split/stem_separator/"
        let body = LALALWire.SplitRequest(sourceID: source, presets: .init(stem: stem),
                                          idempotencyKey: UUID().uuidString.lowercased())
        let response: LALALWire.SplitResponse = try await call(try json(path, body), "the split")
        return response.taskID
    }

    /// The state of each task.
    func check(_ tasks: [String]) async throws -> [String: LALALWire.TaskResult] {
        let response: LALALWire.CheckResponse = try await call(try json("check/", LALALWire.CheckRequest(taskIDs: tasks)),
                                                               "the check")
        return response.result
    }

    /// Asks LALAL.AI to stop `tasks` (best effort).
    func cancel(_ tasks: [String]) async {
        guard let request = try? json("cancel/", LALALWire.CheckRequest(taskIDs: tasks)) else { return }
        _ = try? await http.send(request)
    }

    /// Deletes the uploaded source (best effort; LALAL.AI also deletes it after a day).
    func delete(source: String) async {
        guard let request = try? json("delete/", LALALWire.DeleteRequest(sourceID: source)) else { return }
        _ = try? await http.send(request)
    }

    /// Downloads a track to `path` and returns the response (its `Content-Disposition` names the file).
    func download(_ url: String, to path: String) async throws -> HTTPResponse {
        do {
            return try await http.download(HTTPRequest(url: url, timeout: .seconds(30 * 60)), to: path)
        } catch let error as NetError {
            throw LALALError.transport(error)
        }
    }

    // MARK: - Plumbing

    private func json(_ path: String, _ body: some Encodable) throws -> HTTPRequest {
        HTTPRequest.postJSON(baseURL + path, try JSONEncoder().encode(body))
    }

    private func call<T: Decodable>(_ request: HTTPRequest, _ what: String) async throws -> T {
        var request = request
        request.headers.add("X-License-Key", key)
        let response: HTTPResponse
        do { response = try await http.send(request) } catch let error as NetError { throw LALALError.transport(error) }
        let retryAfter = LALALError.retryAfter(response.headers["Retry-After"])
        if response.status == 429 { throw LALALRateLimited(retryAfter: retryAfter) }
        guard response.isSuccess else {
            throw LALALError.from(status: response.status, body: response.body, retryAfter: retryAfter)
        }
        do { return try JSONDecoder().decode(T.self, from: response.body) } catch { throw LALALError.unexpected(what) }
    }

    /// `attachment; filename=…` (RFC 6266), with `filename*` for names that are not plain ASCII.
    static func contentDisposition(_ name: String) -> String {
        let plain = name.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" && $0 != ";" }
        if plain { return "attachment; filename=\(name)" }
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~"))) ?? "audio"
        return "attachment; filename=audio.wav; filename*=utf-8''\(encoded)"
    }
}

@testable import Engine
import Foundation
import HTTPTypes
import Hummingbird
import Model
import NIOCore

/// A fake LALAL.AI that speaks LALAL.AI's v1 API (upload, split, check, cancel, as the service answers them) on a loopback port:
/// upload → source id, split → task id, check → a scripted state machine per task, track
/// downloads under `/d/<task>/<label>` with `Content-Disposition`. It checks the license key and
/// the split's stem name (a name the contract does not list is a FastAPI 422 with an array
/// `detail`, as LALAL.AI answers), records every request, and reads the time of each check from
/// the test's clock.
final class FakeLALAL: @unchecked Sendable {
    static let key = "test-license-key"

    /// What the fake does; set before the separator runs.
    struct Script {
        /// The progress values the checks of a task answer before it succeeds.
        var progress: [Int] = [0, 42]
        /// The task never finishes (progress forever).
        var neverFinish = false
        /// The task fails with this `{code, detail}`.
        var taskError: (code: String, detail: String)?
        /// The task ends `cancelled`.
        var cancelled = false
        /// The task ends `server_error` with this text.
        var serverError: String?
        /// The upload answers this status and body.
        var uploadFailure: (status: HTTPResponse.Status, body: String)?
        /// The split answers this status and body.
        var splitFailure: (status: HTTPResponse.Status, body: String)?
        /// The first checks answer 429 with this `Retry-After`, this many times.
        var rateLimitedChecks = 0
        /// The `Retry-After` of a 429 (nil: none, as the contract documents for `/check/`).
        var retryAfter: String? = "7"
    }

    /// The `stem` presets each split endpoint takes (as LALAL.AI's v1 API lists them).
    static let stemsOf = ["split/stem_separator": ["vocals", "drum", "piano", "bass", "electric_guitar", "acoustic_guitar",
                                                   "synthesizer", "strings", "wind"],
                          "split/voice_clean": ["voice"]]

    /// One request as it arrived.
    struct Seen {
        var method: String
        var path: String
        var licenseKey: String?
        var contentType: String?
        var contentDisposition: String?
        var body: Data
        /// The test clock's time when it arrived.
        var time: Double

        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    private struct State {
        var script = Script()
        var seen: [Seen] = []
        var checksOf: [String: Int] = [:]
        var stems: [String: String] = [:]
        var rateLimited = 0
    }

    private let state = Locked(State())
    let clock: any StemClock
    /// The audio every track download sends.
    let track: Data
    private(set) var port = 0
    private var serving: Task<Void, any Error>?

    init(clock: any StemClock, track: Data) async throws {
        self.clock = clock
        self.track = track
        let bound = Locked<Int?>(nil)
        let app = Application(router: router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in bound.withLock { $0 = channel.localAddress?.port } })
        serving = Task { try await app.runService() }
        // Bounded, and generous: on a busy machine the server's start waits for a thread.
        let deadline = ContinuousClock.now + .seconds(60)
        while bound.withLock({ $0 }) == nil, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        guard let port = bound.withLock({ $0 }) else { throw CancellationError() }
        self.port = port
    }

    func stop() async {
        serving?.cancel()
        _ = await serving?.result
    }

    var baseURL: String { "http://127.0.0.1:\(port)/api/v1/" }
    var script: Script {
        get { state.withLock { $0.script } }
        set { state.withLock { $0.script = newValue } }
    }
    var seen: [Seen] { state.withLock { $0.seen } }
    func seen(_ path: String) -> [Seen] { seen.filter { $0.path == path } }

    private func router() -> Router<BasicRequestContext> {
        let router = Router()
        let api = router.group("api/v1")
        api.post("upload") { request, _ in try await self.handle(request) { _ in
            if let failure = self.script.uploadFailure { return self.json(failure.body, status: failure.status) }
            return self.json(#"{"id": "src-1", "name": "mix.wav", "size": 1, "duration": 3, "expires": 1761217415}"#)
        } }
        for path in ["split/stem_separator", "split/voice_clean"] {
            api.post(RouterPath(path)) { request, _ in try await self.handle(request) { seen in
                if let failure = self.script.splitFailure {
                    var response = self.json(failure.body, status: failure.status)
                    if failure.status == .tooManyRequests, let retryAfter = self.script.retryAfter {
                        response.headers[HTTPField.Name("Retry-After")!] = retryAfter
                    }
                    return response
                }
                let presets = seen.json["presets"] as? [String: Any]
                let stem = presets?["stem"] as? String ?? "?"
                let allowed = Self.stemsOf[path] ?? []
                guard allowed.contains(stem) else {
                    let expected = allowed.map { "'\($0)'" }.joined(separator: ", ")
                    return self.json(#"{"detail": [{"type": "enum", "loc": ["body", "split_input", "presets", "stem"], "msg": "Input should be \#(expected)", "input": "\#(stem)"}]}"#,
                                     status: .unprocessableContent)
                }
                let task = "task-\(stem)"
                self.state.withLock { $0.stems[task] = stem }
                return self.json(#"{"task_id": "\#(task)"}"#)
            } }
        }
        api.post("check") { request, _ in try await self.handle(request) { seen in
            let script = self.script
            let limited = self.state.withLock { s -> Bool in
                guard s.rateLimited < script.rateLimitedChecks else { return false }
                s.rateLimited += 1
                return true
            }
            if limited {
                var response = self.json(#"{"detail": "Too many requests"}"#, status: .tooManyRequests)
                if let retryAfter = script.retryAfter { response.headers[HTTPField.Name("Retry-After")!] = retryAfter }
                return response
            }
            let ids = seen.json["task_ids"] as? [String] ?? []
            let results = ids.map { "\"\($0)\": \(self.result(of: $0))" }.joined(separator: ", ")
            return self.json("{\"result\": {\(results)}}")
        } }
        api.post("cancel") { request, _ in try await self.handle(request) { _ in self.json(#"{"result": {}}"#) } }
        api.post("delete") { request, _ in try await self.handle(request) { _ in self.json("{}") } }
        router.get("d/:task/:label") { _, context in
            let label = context.parameters.get("label") ?? "track"
            return Response(status: .ok,
                            headers: [.contentType: "audio/wav",
                                      HTTPField.Name("Content-Disposition")!: "attachment; filename=\"\(label).wav\""],
                            body: .init(byteBuffer: ByteBuffer(bytes: self.track)))
        }
        return router
    }

    /// The state of `task` at this check, advancing its script.
    private func result(of task: String) -> String {
        let script = self.script
        let (count, stem) = state.withLock { s -> (Int, String) in
            s.checksOf[task, default: 0] += 1
            return (s.checksOf[task] ?? 0, s.stems[task] ?? "?")
        }
        let presets = #"{"task_type": "split", "stem": "\#(stem)", "splitter": "perseus"}"#
        if script.cancelled {
            return #"{"status": "cancelled", "source_id": "src-1", "presets": \#(presets)}"#
        }
        if let text = script.serverError {
            return #"{"status": "server_error", "error": "\#(text)"}"#
        }
        if let error = script.taskError {
            return #"{"status": "error", "source_id": "src-1", "presets": \#(presets), "error": {"code": "\#(error.code)", "detail": "\#(error.detail)", "id": "e1"}}"#
        }
        if script.neverFinish || count <= script.progress.count {
            let percent = script.neverFinish ? 42 : script.progress[count - 1]
            return #"{"status": "progress", "progress": \#(percent), "source_id": "src-1", "presets": \#(presets)}"#
        }
        let base = "http://127.0.0.1:\(port)/d/\(task)"
        return #"{"status": "success", "source_id": "src-1", "presets": \#(presets), "result": {"duration": 3, "tracks": [{"type": "back", "label": "no_\#(stem)", "url": "\#(base)/no_\#(stem)"}, {"type": "stem", "label": "\#(stem)", "url": "\#(base)/\#(stem)"}]}}"#
    }

    /// Records the request, checks the key (403 without the right one), then answers.
    private func handle(_ request: Request, _ answer: (Seen) throws -> Response) async throws -> Response {
        var request = request
        let body = Data(try await request.collectBody(upTo: 64 << 20).readableBytesView)
        let seen = Seen(method: request.method.rawValue, path: request.uri.path,
                        licenseKey: request.headers[HTTPField.Name("X-License-Key")!],
                        contentType: request.headers[.contentType],
                        contentDisposition: request.headers[HTTPField.Name("Content-Disposition")!],
                        body: body, time: clock.now())
        state.withLock { $0.seen.append(seen) }
        guard let key = seen.licenseKey else {
            return json(#"{"detail": "Provide license key in 'X-License-Key' header"}"#, status: .forbidden)
        }
        guard key == Self.key else { return json(#"{"detail": "Invalid license key"}"#, status: .forbidden) }
        return try answer(seen)
    }

    private func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// A clock that does not wait: `sleep` moves its time on and records the wait.
final class TestStemClock: StemClock, @unchecked Sendable {
    private let state = Locked((now: 0.0, sleeps: [Double]()))
    func now() -> Double { state.withLock { $0.now } }
    func sleep(seconds: Double) async throws {
        state.withLock { s in
            s.sleeps.append(seconds)
            s.now += max(0, seconds)
        }
    }
    var sleeps: [Double] { state.withLock { $0.sleeps } }
}

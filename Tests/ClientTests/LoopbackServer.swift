import Engine
import Foundation
import Hummingbird
import Model
import Server

/// The HTTP API of a library on a free loopback port, in this process, with one pipeline worker.
final class LoopbackServer: Sendable {
    let port: Int
    private let serving: Task<Void, any Error>
    private let working: Task<Void, Never>

    init(library: Library) async throws {
        var configuration = ServerConfiguration(environment: [:])
        configuration.port = 0
        configuration.eventPollInterval = .milliseconds(50)
        let bound = Locked<Int?>(nil)
        let application = APIServer(library: library, configuration: configuration).application { port in
            bound.withLock { $0 = port }
        }
        serving = Task { try await application.runService() }
        working = Task { try? await JobRunner(library: library).run(workers: 1, pollInterval: .milliseconds(50)) { false } }
        let deadline = ContinuousClock.now + .seconds(20)
        var port: Int?
        while port == nil, ContinuousClock.now < deadline {
            port = bound.withLock { $0 }
            if port == nil { try await Task.sleep(for: .milliseconds(10)) }
        }
        guard let port else {
            serving.cancel()
            working.cancel()
            throw SampleTokError(code: "test.server", message: "the API server did not start")
        }
        self.port = port
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    func stop() async {
        serving.cancel()
        working.cancel()
        _ = await serving.result
        await working.value
    }
}

/// A value behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}

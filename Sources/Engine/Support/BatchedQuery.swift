import Model
/// Runs one query for many callers at once, without ever answering a caller with a result that
/// was asked for before it called: callers that arrive while the query runs wait for the next
/// run, which starts as soon as the current one ends and answers all of them. Under load one
/// database round trip serves every request in flight (the sample list's change stamp).
final class BatchedQuery<Value: Sendable>: Sendable {
    private struct State {
        var running = false
        var waiting: [CheckedContinuation<Value, any Error>] = []
    }

    private let state = Locked(State())
    private let query: @Sendable () async throws -> Value

    init(_ query: @escaping @Sendable () async throws -> Value) {
        self.query = query
    }

    /// The result of a run of the query that started after this call.
    func value() async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let start = state.withLock { state -> Bool in
                state.waiting.append(continuation)
                guard !state.running else { return false }
                state.running = true
                return true
            }
            if start { Task { await self.runBatches() } }
        }
    }

    /// Runs the query for everyone waiting, again while more arrived during a run.
    private func runBatches() async {
        while true {
            let batch = state.withLock { state -> [CheckedContinuation<Value, any Error>] in
                defer { state.waiting = [] }
                if state.waiting.isEmpty { state.running = false }
                return state.waiting
            }
            guard !batch.isEmpty else { return }
            let result: Result<Value, any Error>
            do { result = .success(try await query()) } catch { result = .failure(error) }
            for waiter in batch { waiter.resume(with: result) }
        }
    }
}

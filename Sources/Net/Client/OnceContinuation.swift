import Foundation
import Model

/// A continuation that may be resumed from several places; the first resume wins, the rest are ignored.
final class OnceContinuation<Value: Sendable>: @unchecked Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value, Error>?
        var early: Result<Value, Error>?
    }
    private let state = Locked(State())

    /// Installs the continuation; resumes it at once if a result came first.
    func install(_ continuation: CheckedContinuation<Value, Error>) {
        let result = state.withLock { state -> Result<Value, Error>? in
            if let early = state.early { return early }
            state.continuation = continuation
            return nil
        }
        if let result { continuation.resume(with: result) }
    }

    /// Resumes with `result` unless something already did.
    func resume(with result: Result<Value, Error>) {
        let target = state.withLock { state -> CheckedContinuation<Value, Error>? in
            guard state.early == nil else { return nil }
            state.early = result
            defer { state.continuation = nil }
            return state.continuation
        }
        target?.resume(with: result)
    }
}

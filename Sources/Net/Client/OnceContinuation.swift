import Foundation

/// A continuation that may be resumed from several places; the first resume wins, the rest are ignored.
final class OnceContinuation<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Value, Error>?
    private var early: Result<Value, Error>?

    /// Installs the continuation; resumes it at once if a result came first.
    func install(_ continuation: CheckedContinuation<Value, Error>) {
        let result = lock.withLock { () -> Result<Value, Error>? in
            if let early { return early }
            self.continuation = continuation
            return nil
        }
        if let result { continuation.resume(with: result) }
    }

    /// Resumes with `result` unless something already did.
    func resume(with result: Result<Value, Error>) {
        let target = lock.withLock { () -> CheckedContinuation<Value, Error>? in
            guard early == nil else { return nil }
            early = result
            defer { continuation = nil }
            return continuation
        }
        target?.resume(with: result)
    }
}

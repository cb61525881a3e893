import Foundation
import Model

/// Runs blocking work (decoding, encoding, a child process) off Swift's cooperative threads.
public enum Blocking {
    /// Runs `body` on a global queue and returns what it returns.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try body() })
            }
        }
    }

    /// `run`, with `body` told through `isCancelled` once the calling task is cancelled, so
    /// that it can stop early (the task waits for it all the same).
    public static func runCancellable<T: Sendable>(
        _ body: @escaping @Sendable (_ isCancelled: @escaping @Sendable () -> Bool) throws -> T
    ) async throws -> T {
        let cancelled = Locked(false)
        return try await withTaskCancellationHandler {
            try await run { try body { cancelled.withLock { $0 } } }
        } onCancel: {
            cancelled.withLock { $0 = true }
        }
    }
}

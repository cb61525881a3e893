import Foundation
import Synchronization

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
        let cancelled = CancelFlag()
        return try await withTaskCancellationHandler {
            try await run { try body { cancelled.isSet } }
        } onCancel: {
            cancelled.set()
        }
    }
}

/// A flag one thread sets and others read.
final class CancelFlag: Sendable {
    private let value = Mutex(false)

    /// Whether it was set.
    var isSet: Bool { value.withLock { $0 } }

    /// Sets it.
    func set() { value.withLock { $0 = true } }
}

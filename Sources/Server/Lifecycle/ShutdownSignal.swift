import Engine
import Foundation
import Model
import ServiceLifecycle

/// Tells long-lived responses (event streams) that the server is shutting down, so they end
/// before the server waits for its connections to close. It is a service of its own, last in
/// the group so that it hears of a graceful shutdown first.
public final class ShutdownSignal: Service, Sendable {
    private struct State {
        var triggered = false
        var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Locked(State())

    /// Creates an untriggered signal.
    public init() {}

    /// Waits for the group's graceful shutdown, then triggers.
    public func run() async throws {
        try? await gracefulShutdown()
        trigger()
    }

    /// Wakes every waiter, now and later.
    public func trigger() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.triggered = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once shutdown begins (at once if it has), or when the calling task is cancelled.
    public func wait() async {
        let token = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state -> Bool in
                    if state.triggered || Task.isCancelled { return true }
                    state.waiters[token] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: token) }?.resume()
        }
    }
}

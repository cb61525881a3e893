import Foundation
import Model

/// The one in-process stream of progress events: workers publish, the CLI's `--watch`, the TUI
/// and the server's SSE subscribe.
public final class ProgressHub: Sendable {
    private struct State {
        var subscribers: [UUID: (sample: UUID?, continuation: AsyncStream<ProgressEvent>.Continuation)] = [:]
    }

    /// The subscribers. Held only to read or change them, never while an
    /// event is handed over: a subscriber's `onTermination` takes it, and that runs inside the
    /// cancellation of the subscriber's task, which holds that task's own lock, the one a
    /// `yield` to it needs. Yielding under this lock deadlocked the two (a worker publishing while
    /// a follower stopped).
    private let state = Locked(State())
    /// Keeps deliveries in the order of the calls; `onTermination` never takes it.
    private let delivery = Locked(())

    /// Creates a hub with no subscribers.
    public init() {}

    /// Events of one sample or stem job (`ProgressEvent.subject`; every event when `sample` is
    /// nil), from now on.
    public func subscribe(sample: UUID? = nil) -> AsyncStream<ProgressEvent> {
        let (stream, continuation) = AsyncStream<ProgressEvent>.makeStream(bufferingPolicy: .bufferingNewest(256))
        let token = UUID()
        state.withLock { $0.subscribers[token] = (sample, continuation) }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.subscribers.removeValue(forKey: token) }
        }
        return stream
    }

    /// Sends an event to the subscribers that want it, in the order of the calls. Its
    /// `sequence` is as given: the number `ProgressLog` gave it, or 0 for a passing report.
    public func publish(_ event: ProgressEvent) {
        delivery.withLock { _ in
            let receivers = state.withLock { state in
                state.subscribers.values
                    .filter { $0.sample == nil || $0.sample == event.subject }
                    .map(\.continuation)
            }
            for receiver in receivers { receiver.yield(event) }
        }
    }
}

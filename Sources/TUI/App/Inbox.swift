import Foundation
import Model

/// Events posted from any thread (answers of the client, the sound output) for the app's loop
/// to apply in order on its own thread.
final class Inbox: Sendable {
    private let events = Locked<[AppEvent]>([])

    /// Adds an event.
    func post(_ event: AppEvent) {
        events.withLock { $0.append(event) }
    }

    /// Takes every event posted so far.
    func drain() -> [AppEvent] {
        events.withLock { events in
            defer { events.removeAll(keepingCapacity: true) }
            return events
        }
    }
}

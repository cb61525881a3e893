import Engine
import Foundation
import Model

/// The text of Server-Sent Events (the `text/event-stream` format).
enum ServerSentEvent {
    /// One progress event: `id:` its sequence (left out with `numbered: false`, for an event
    /// that has no number of its own), `event: progress`, `data:` its JSON.
    static func progress(_ event: ProgressEvent, numbered: Bool = true) -> String {
        let json = (try? JSONResponse.encoder().encode(event)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return (numbered ? "id: \(event.sequence)\n" : "") + "event: progress\ndata: \(json)\n\n"
    }

    /// A comment line that keeps proxies from closing an idle stream.
    static let keepAlive = ": keep-alive\n\n"
}

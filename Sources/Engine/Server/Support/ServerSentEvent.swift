import Foundation
import Model

/// The text of Server-Sent Events (the `text/event-stream` format).
enum ServerSentEvent {
    /// One progress event: `id:` its sequence, `event: progress`, `data:` its JSON.
    static func progress(_ event: ProgressEvent) -> String {
        let json = (try? JSONResponse.encoder().encode(event)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return "id: \(event.sequence)\nevent: progress\ndata: \(json)\n\n"
    }

    /// A comment line that keeps proxies from closing an idle stream.
    static let keepAlive = ": keep-alive\n\n"

    /// The one final event of a sample that is already completed or failed.
    static func finalEvent(for sample: Sample, sequence: Int) -> ProgressEvent {
        ProgressEvent(sampleID: sample.id, step: sample.status == .completed ? "done" : "failed", fraction: 1,
                      message: sample.status == .completed ? "ready" : (sample.error?.message ?? "failed"),
                      status: sample.status, error: sample.error, sequence: sequence)
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import Model

extension APIServer {
    /// What an event stream sends next.
    private enum Outgoing: Sendable {
        case event(ProgressEvent)
        case final(Sample)
        case keepAlive
    }

    /// `GET /api/v1/samples/{id}/events`: Server-Sent Events of the sample's job, one `data:`
    /// JSON `ProgressEvent` per event with `id:` its sequence; the stream ends after the final
    /// status (at once, with one final event, for a sample already completed or failed).
    /// `Last-Event-ID` skips events already seen. A job run by another process is followed
    /// through the sample's row; a comment keeps an idle stream open; shutdown ends it.
    func addEventRoutes(to api: RouterGroup<APIContext>) {
        api.get("samples/:id/events") { request, context -> Response in
            let sampleID = try await library.sample(try Self.sampleID(context)).id
            let lastSeen = request.headers[HTTPField.Name("Last-Event-ID")!]
                .flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 0
            let (library, shutdown, configuration) = (self.library, self.shutdown, self.configuration)
            let body = ResponseBody { writer in
                let events = library.events.subscribe(sample: sampleID)
                let (items, feed) = AsyncStream<Outgoing>.makeStream()
                let forward = Task {
                    for await event in events { feed.yield(.event(event)) }
                }
                let watch = Task {
                    var silent = Duration.zero
                    while !Task.isCancelled {
                        if let sample = try? await library.sample(sampleID.uuidString),
                           sample.status == .completed || sample.status == .failed {
                            feed.yield(.final(sample))
                            return
                        }
                        do { try await Task.sleep(for: configuration.eventPollInterval) } catch { return }
                        silent += configuration.eventPollInterval
                        if silent >= configuration.keepAliveInterval {
                            feed.yield(.keepAlive)
                            silent = .zero
                        }
                    }
                }
                let stop = Task {
                    await shutdown.wait()
                    feed.finish()
                }
                defer {
                    forward.cancel()
                    watch.cancel()
                    stop.cancel()
                    feed.finish()
                }
                loop: for await item in items {
                    switch item {
                    case .event(let event):
                        guard event.sequence > lastSeen else { continue }
                        try await writer.write(ByteBuffer(string: ServerSentEvent.progress(event)))
                        if event.isFinal { break loop }
                    case .final(let sample):
                        let sequence = max(library.events.lastSequence(of: sampleID), lastSeen) + 1
                        try await writer.write(ByteBuffer(string: ServerSentEvent.progress(ServerSentEvent.finalEvent(for: sample, sequence: sequence))))
                        break loop
                    case .keepAlive:
                        try await writer.write(ByteBuffer(string: ServerSentEvent.keepAlive))
                    }
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok,
                            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache",
                                      HTTPField.Name("X-Accel-Buffering")!: "no"],
                            body: body)
        }
    }
}

import Engine
import Foundation
import HTTPTypes
import Hummingbird
import Model

extension APIServer {
    /// What an event stream sends next.
    private enum Outgoing: Sendable {
        case event(ProgressEvent)
        case keepAlive
    }

    /// `GET /api/v1/samples/{id}/events`: Server-Sent Events of the sample's job, one `data:`
    /// JSON `ProgressEvent` per event with `id:` its durable sequence (the same on every node and
    /// after a restart; passing reports within a step go without one); the stream ends after the
    /// final status. `Last-Event-ID` skips events already seen. The events are
    /// `JobService.follow(.sample(_:))`'s (a job another node runs too); a comment keeps an idle
    /// stream open; shutdown ends it.
    func addEventRoutes(to api: RouterGroup<APIContext>) {
        api.get("samples/:id/events") { request, context -> Response in
            let lastSeen = try Self.lastEventID(request)
            let sampleID = try await library.samples.sample(try await library.samples.id(matching: try Self.sampleID(context))).id
            let (library, configuration) = (self.library, self.configuration)
            return eventStream(lastSeen: lastSeen) { lastSeen in
                library.jobs.follow(.sample(sampleID), after: lastSeen, pollInterval: configuration.eventPollInterval)
            }
        }
    }

    /// The `Last-Event-ID` of a request (0 without one); 400 for anything but the digits of an
    /// event id this server sent.
    static func lastEventID(_ request: Request) throws -> Int {
        guard let header = request.headers[HTTPField.Name("Last-Event-ID")!] else { return 0 }
        let text = header.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text.count <= 18, text.utf8.allSatisfy({ (48...57).contains($0) }), let id = Int(text) else {
            throw APIError.badRequest("Last-Event-ID must be the id of an event this stream sent (digits), not '\(header.prefix(40))'.")
        }
        return id
    }

    /// A `text/event-stream` response of the progress events `follow` gives (from after
    /// `lastSeen`), ending after the final one, with keep-alive comments and ending at shutdown.
    func eventStream(lastSeen: Int,
                     follow: @escaping @Sendable (Int) -> AsyncThrowingStream<ProgressEvent, any Error>) -> Response {
        let (shutdown, configuration) = (self.shutdown, self.configuration)
        let body = ResponseBody { writer in
            let (items, feed) = AsyncStream<Outgoing>.makeStream()
            let reader = Task {
                do {
                    for try await event in follow(lastSeen) {
                        feed.yield(.event(event))
                    }
                } catch {}
                feed.finish()
            }
            let keepAlive = Task {
                while !Task.isCancelled {
                    do { try await Task.sleep(for: configuration.keepAliveInterval) } catch { return }
                    feed.yield(.keepAlive)
                }
            }
            let stop = Task {
                await shutdown.wait()
                feed.finish()
            }
            defer {
                reader.cancel()
                keepAlive.cancel()
                stop.cancel()
                feed.finish()
            }
            var lastID = lastSeen
            loop: for await item in items {
                switch item {
                case .event(let event):
                    // Passing reports within a step (sequence 0) go without an id.
                    try await writer.write(ByteBuffer(string: ServerSentEvent.progress(event, numbered: event.sequence > lastID)))
                    lastID = max(lastID, event.sequence)
                    if event.isFinal { break loop }
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

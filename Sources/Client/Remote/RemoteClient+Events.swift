import Foundation
import Model
import Net

extension RemoteClient {
    /// `GET /api/v1/samples/{id}/events`, read as Server-Sent Events until the final event.
    /// When the connection drops (or the stream ends early), it is opened again with
    /// `Last-Event-ID`, the id of the last kept event seen (ids are kept by the server, so this
    /// works across a restart or another node), so no event is seen twice or missed; when
    /// `reconnectDelays` are used up by failures in a row the stream throws `remote.unreachable`
    /// saying so. An error answer (an unknown sample: `sample.not_found`)
    /// ends it with that error; an event that is not the API's JSON with `remote.bad_response`.
    public func events(of id: UUID) -> AsyncThrowingStream<ProgressEvent, any Error> {
        events(path: "/api/v1/samples/\(id.uuidString)/events", of: "sample \(id.uuidString)")
    }

    /// `GET /api/v1/stem-jobs/{id}/events`, read like `events(of:)` (an unknown stem job is `stem_job.not_found`).
    public func stemEvents(of stemJobID: UUID) -> AsyncThrowingStream<ProgressEvent, any Error> {
        events(path: "/api/v1/stem-jobs/\(stemJobID.uuidString)/events", of: "stem job \(stemJobID.uuidString)")
    }

    /// The progress events at `path` (of `subject`, for messages) until the final one.
    private func events(path: String, of subject: String) -> AsyncThrowingStream<ProgressEvent, any Error> {
        let (stream, output) = AsyncThrowingStream<ProgressEvent, any Error>.makeStream()
        let task = Task {
            do {
                try await follow(path, subject, output: output)
                output.finish()
            } catch {
                output.finish(throwing: error)
            }
        }
        output.onTermination = { _ in task.cancel() }
        return stream
    }

    private func follow(_ path: String, _ subject: String, output: AsyncThrowingStream<ProgressEvent, any Error>.Continuation) async throws {
        var lastEventID: String?
        var failures = 0
        while true {
            try Task.checkCancellation()
            var headers: HTTPHeaders = ["Accept": "text/event-stream"]
            if let token { headers.add("Authorization", "Bearer \(token)") }
            if let lastEventID { headers.add("Last-Event-ID", lastEventID) }
            // The server sends a comment every 15 s: a minute of silence is a dead connection.
            let request = HTTPRequest(url: baseURL + path, headers: headers,
                                      timeout: nil, connectTimeout: .seconds(5), idleTimeout: .seconds(60))
            var reason: any Error = SampleTokError(.remoteUnreachable, "The event stream of \(subject) from \(baseURL) ended before the job did.")
            do {
                let response = try await http.openStream(request)
                guard response.head.isSuccess else {
                    var body = Data()
                    for try await chunk in response.body {
                        body.append(chunk)
                        if body.count >= 1 << 16 { break }
                    }
                    var head = response.head
                    head.body = body
                    let error = serverError(head)
                    // A server restarting or overloaded may come back; anything else is the answer.
                    guard response.head.status >= 500 else { throw error }
                    throw Reconnect(reason: error)
                }
                var parser = ServerSentEventParser()
                for try await chunk in response.body {
                    let messages: [ServerSentEventParser.Message]
                    do {
                        messages = try parser.feed(chunk)
                    } catch {
                        throw SampleTokError(.remoteBadResponse, "The event stream from \(baseURL) sent a line of more than \(error.bytes) bytes.")
                    }
                    for message in messages where message.event == "progress" || message.event == "message" {
                        if let id = message.id { lastEventID = id }
                        let event: ProgressEvent
                        do {
                            event = try Self.decoder.decode(ProgressEvent.self, from: Data(message.data.utf8))
                        } catch {
                            throw SampleTokError(.remoteBadResponse, "The event stream from \(baseURL) sent an event that is not SampleTok's JSON (\(Self.describe(error))).")
                        }
                        failures = 0
                        output.yield(event)
                        if event.isFinal { return }
                    }
                }
            } catch let reconnect as Reconnect {
                reason = reconnect.reason
            } catch let error as NetError where !error.has(.fetchCancelled) {
                reason = translate(error)
            }
            failures += 1
            guard failures <= reconnectDelays.count else { throw Self.gaveUp(subject, baseURL, attempts: reconnectDelays.count, reason) }
            try await Task.sleep(for: reconnectDelays[failures - 1])
        }
    }

    /// The error after the last reconnect failed: what to do, and the last failure's reason.
    static func gaveUp(_ subject: String, _ baseURL: String, attempts: Int, _ reason: any Error) -> SampleTokError {
        let last = (reason as? SampleTokError)?.message ?? "\(reason)"
        return SampleTokError(.remoteUnreachable, """
            Lost the event stream of \(subject) from \(baseURL): \(attempts) attempts to reconnect failed (last: \(last)). \
            The job goes on on the server: see it with `sampletok jobs --remote \(baseURL)`, or watch it again once the server answers.
            """)
    }

    /// A failure worth opening the stream again for.
    private struct Reconnect: Error {
        var reason: any Error
    }
}

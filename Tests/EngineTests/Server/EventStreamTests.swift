import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Model
import Testing
import TestSupport

/// The events of a `text/event-stream` body: (id, JSON object) pairs.
func serverSentEvents(_ text: String) -> [(id: Int, event: [String: Any])] {
    text.components(separatedBy: "\n\n").compactMap { block in
        var id: Int?
        var data: String?
        for line in block.split(separator: "\n") {
            if line.hasPrefix("id: ") { id = Int(line.dropFirst(4)) }
            if line.hasPrefix("data: ") { data = String(line.dropFirst(6)) }
        }
        guard let id, let data, let object = try? JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any] else { return nil }
        return (id, object)
    }
}

@Suite("HTTP API: Server-Sent Events of a sample's job", .timeLimit(.minutes(2)))
struct EventStreamTests {
    @Test("a finished sample: one final event with its kept number, then the stream ends")
    func finishedSample() async throws {
        let f = try await ServerFixture()
        let sample = try await f.completedSample()
        try await f.test { client in
            try await client.execute(uri: "/api/v1/samples/\(sample.id.uuidString)/events", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/event-stream")
                let events = serverSentEvents(response.text)
                #expect(events.count == 1)
                #expect(events.first?.event["status"] as? String == "completed")
                #expect(events.first?.event["step"] as? String == "done")
                // resolve, download, process, store, save, done: the sixth kept event.
                #expect(events.first?.id == 6)
            }
            try await client.execute(uri: "/api/v1/samples/\(UUID().uuidString)/events", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("a job running while the stream is open: increasing ids, ending with the final status")
    func liveJob() async throws {
        let f = try await ServerFixture()
        let path = try f.library.tone("live.wav", seconds: 2)
        let id = try await f.library.library.samples.submit(path).sample.id
        try await f.test { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await client.execute(uri: "/api/v1/samples/\(id.uuidString)/events", method: .get) { response in
                        let events = serverSentEvents(response.text)
                        #expect(!events.isEmpty)
                        #expect(events.last?.event["status"] as? String == "completed")
                        #expect(zip(events, events.dropFirst()).allSatisfy { $0.id < $1.id })
                        #expect(events.allSatisfy { ($0.event["sample_id"] as? String)?.lowercased() == id.uuidString.lowercased() })
                    }
                }
                group.addTask { try await f.library.drain() }
                try await group.waitForAll()
            }
        }
    }

    @Test("Last-Event-ID: nothing at or below it is sent again")
    func lastEventID() async throws {
        let f = try await ServerFixture()
        let path = try f.library.tone("resume.wav", seconds: 2)
        let id = try await f.library.library.samples.submit(path).sample.id
        try await f.test { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await client.execute(uri: "/api/v1/samples/\(id.uuidString)/events", method: .get,
                                             headers: [HTTPField.Name("Last-Event-ID")!: "1000"]) { response in
                        let events = serverSentEvents(response.text)
                        #expect(events.count == 1)
                        #expect(events.allSatisfy { $0.id > 1000 })
                        #expect(events.last?.event["status"] as? String == "completed")
                    }
                }
                group.addTask { try await f.library.drain() }
                try await group.waitForAll()
            }
        }
    }

    @Test("shutdown ends an open stream of a job that is not running")
    func shutdownEndsStream() async throws {
        let f = try await ServerFixture()
        let id = try await f.library.library.samples.submit("http://example.com/never.wav").sample.id
        try await f.test { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await client.execute(uri: "/api/v1/samples/\(id.uuidString)/events", method: .get) { response in
                        #expect(response.status == .ok)
                        #expect(serverSentEvents(response.text).isEmpty)
                    }
                }
                group.addTask { f.server.shutdown.trigger() }
                try await group.waitForAll()
            }
        }
    }
}

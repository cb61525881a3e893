import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Model
import Testing
import TestSupport

extension TestResponse {
    /// The body decoded as `type` (ISO-8601 dates).
    func decoded<T: Decodable>(_ type: T.Type) -> T? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(type, from: Data(body.readableBytesView))
    }
}

/// The crate and star routes through the router, every response checked against the OpenAPI
/// document: a user's crates and stars are theirs alone.
@Suite("crates: the API routes")
struct CrateRouteTests {
    static func json(_ value: some Encodable) throws -> ByteBuffer { ByteBuffer(bytes: try JSONEncoder().encode(value)) }

    /// Two completed samples of different tones (the same tone twice would be one sample).
    static func twoSamples(_ f: ServerFixture) async throws -> (Sample, Sample) {
        let library = f.library.library
        let kick = try await library.samples.submit(try f.library.tone("kick.wav", frequency: 60)).sample.id
        let snare = try await library.samples.submit(try f.library.tone("snare.wav", frequency: 300)).sample.id
        try await f.library.drain()
        return (try await library.samples.sample(kick), try await library.samples.sample(snare))
    }

    @Test("make, add, move, remove, rename and delete a crate; by name (percent-encoded), id or prefix")
    func lifecycle() async throws {
        let f = try await ServerFixture()
        let (kick, snare) = try await Self.twoSamples(f)
        let headers = f.bearer.json
        try await f.test { client in
            var id = UUID()
            try await client.execute(uri: "/api/v1/crates", method: .post, headers: headers, body: try Self.json(CrateRequest(name: "Late Night"))) { response in
                #expect(response.status == .created)
                let crate = try #require(response.decoded(Crate.self))
                #expect(crate.name == "Late Night" && crate.count == 0)
                id = crate.id
            }
            try await client.execute(uri: "/api/v1/crates", method: .post, headers: headers, body: try Self.json(CrateRequest(name: "Late Night"))) { response in
                #expect(response.status == .conflict)
                #expect(response.errorCode == "crate.name_taken")
            }
            try await client.execute(uri: "/api/v1/crates", method: .post, headers: headers, body: try Self.json(CrateRequest(name: " "))) { response in
                #expect(response.status.code == 422)
                #expect(response.errorCode == "crate.name_invalid")
            }
            try await client.execute(uri: "/api/v1/crates/Late%20Night/items", method: .post, headers: headers,
                                     body: try Self.json(CrateItemRequest(sampleID: kick.id.uuidString))) { response in
                #expect(response.status == .ok)
                #expect(response.decoded(Crate.self)?.items?.map(\.sample.id) == [kick.id])
            }
            try await client.execute(uri: "/api/v1/crates/\(id)/items", method: .post, headers: headers,
                                     body: try Self.json(CrateItemRequest(sampleID: String(snare.id.uuidString.prefix(8)), position: 1))) { response in
                #expect(response.decoded(Crate.self)?.items?.map(\.sample.id) == [snare.id, kick.id])
            }
            try await client.execute(uri: "/api/v1/crates/\(id.uuidString.prefix(6))/items/\(snare.id)", method: .patch, headers: headers,
                                     body: try Self.json(CrateMoveRequest(position: 2))) { response in
                #expect(response.decoded(Crate.self)?.items?.map(\.sample.id) == [kick.id, snare.id])
            }
            try await client.execute(uri: "/api/v1/crates", method: .get, headers: f.bearer) { response in
                let page = try #require(response.decoded(ResultPage<Crate>.self))
                #expect(page.items.map(\.name) == ["Late Night"] && page.items.map(\.count) == [2])
                #expect(page.items.first?.items == nil, "lists leave the items out")
            }
            try await client.execute(uri: "/api/v1/crates/\(id)/items/\(kick.id)", method: .delete, headers: f.bearer) { response in
                #expect(response.decoded(Crate.self)?.items?.map(\.sample.id) == [snare.id])
            }
            try await client.execute(uri: "/api/v1/crates/\(id)/items/\(kick.id)", method: .delete, headers: f.bearer) { response in
                #expect(response.status == .notFound)
                #expect(response.errorCode == "crate.item_not_found")
            }
            try await client.execute(uri: "/api/v1/crates/\(id)", method: .patch, headers: headers, body: try Self.json(CrateRequest(name: "Early"))) { response in
                #expect(response.decoded(Crate.self)?.name == "Early")
            }
            try await client.execute(uri: "/api/v1/crates/Early", method: .get, headers: f.bearer) { response in
                #expect(response.decoded(Crate.self)?.items?.first?.sample.title == snare.title)
            }
            try await client.execute(uri: "/api/v1/crates/Early", method: .delete, headers: f.bearer) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/api/v1/crates/\(id)", method: .get, headers: f.bearer) { response in
                #expect(response.status == .notFound)
                #expect(response.errorCode == "crate.not_found")
            }
            try await client.execute(uri: "/api/v1/crates", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test("stars: PUT and DELETE set them, GET stars lists them, starred=true and starred:yes filter the list (401 without a token)")
    func stars() async throws {
        let f = try await ServerFixture()
        let (kick, snare) = try await Self.twoSamples(f)
        try await f.test { client in
            for _ in 0..<2 {
                try await client.execute(uri: "/api/v1/samples/\(kick.id.uuidString.prefix(8))/star", method: .put, headers: f.bearer) { response in
                    #expect(response.status == .ok)
                    #expect(response.decoded(StarState.self) == StarState(sampleID: kick.id, starred: true))
                }
            }
            try await client.execute(uri: "/api/v1/stars", method: .get, headers: f.bearer) { response in
                #expect(response.decoded(StarList.self)?.items == [kick.id])
            }
            for uri in ["/api/v1/samples?starred=true", "/api/v1/samples?q=starred:yes"] {
                try await client.execute(uri: uri, method: .get, headers: f.bearer) { response in
                    #expect(response.decoded(ResultPage<Sample>.self)?.items.map(\.id) == [kick.id], "\(uri)")
                }
            }
            try await client.execute(uri: "/api/v1/samples?starred=false", method: .get, headers: f.bearer) { response in
                #expect(response.decoded(ResultPage<Sample>.self)?.items.map(\.id) == [snare.id])
            }
            try await client.execute(uri: "/api/v1/samples?starred=true", method: .get) { response in
                #expect(response.status == .unauthorized, "a starred filter needs a user")
            }
            try await client.execute(uri: "/api/v1/samples?starred=maybe", method: .get, headers: f.bearer) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/api/v1/samples/\(kick.id)/star", method: .delete, headers: f.bearer) { response in
                #expect(response.decoded(StarState.self)?.starred == false)
            }
            try await client.execute(uri: "/api/v1/samples?starred=true", method: .get, headers: f.bearer) { response in
                #expect(response.decoded(ResultPage<Sample>.self)?.total == 0)
            }
            try await client.execute(uri: "/api/v1/samples/\(UUID())/star", method: .put, headers: f.bearer) { response in
                #expect(response.status == .notFound)
                #expect(response.errorCode == "sample.not_found")
            }
        }
    }

    @Test("another user's crate is 404 on every route and their stars never show: bob cannot read, change or delete ada's")
    func ownership() async throws {
        let f = try await ServerFixture()
        let kick = try await f.completedSample("kick")
        let bob = try await f.library.library.accounts.createUser(name: "bob", credits: 0).token
        let bobs: HTTPFields = [.authorization: "Bearer \(bob)", .contentType: "application/json"]
        let ada = f.user.principal
        let crate = try await f.library.library.crates.create(named: "secret", as: ada)
        _ = try await f.library.library.crates.add(kick.id, to: crate.id, as: ada)
        try await f.library.library.crates.setStar(kick.id, true, as: ada)
        try await f.test { client in
            let attempts: [(String, HTTPRequest.Method, ByteBuffer?)] = [
                ("/api/v1/crates/\(crate.id)", .get, nil),
                ("/api/v1/crates/secret", .get, nil),
                ("/api/v1/crates/\(crate.id.uuidString.prefix(8))", .get, nil),
                ("/api/v1/crates/\(crate.id)", .patch, try Self.json(CrateRequest(name: "mine now"))),
                ("/api/v1/crates/\(crate.id)", .delete, nil),
                ("/api/v1/crates/\(crate.id)/items", .post, try Self.json(CrateItemRequest(sampleID: kick.id.uuidString))),
                ("/api/v1/crates/\(crate.id)/items/\(kick.id)", .patch, try Self.json(CrateMoveRequest(position: 1))),
                ("/api/v1/crates/\(crate.id)/items/\(kick.id)", .delete, nil),
            ]
            for (uri, method, body) in attempts {
                try await client.execute(uri: uri, method: method, headers: bobs, body: body) { response in
                    #expect(response.status == .notFound, "\(method) \(uri)")
                    #expect(response.errorCode == "crate.not_found", "\(method) \(uri)")
                }
            }
            try await client.execute(uri: "/api/v1/crates", method: .get, headers: bobs) { response in
                #expect(response.decoded(ResultPage<Crate>.self)?.items.isEmpty == true)
            }
            try await client.execute(uri: "/api/v1/stars", method: .get, headers: bobs) { response in
                #expect(response.decoded(StarList.self)?.items == [])
            }
            try await client.execute(uri: "/api/v1/samples?starred=true", method: .get, headers: bobs) { response in
                #expect(response.decoded(ResultPage<Sample>.self)?.total == 0)
            }
            // bob's crate of the same name is his own.
            try await client.execute(uri: "/api/v1/crates", method: .post, headers: bobs, body: try Self.json(CrateRequest(name: "secret"))) { response in
                #expect(response.status == .created)
            }
        }
        let kept = try await f.library.library.crates.crate(crate.id, as: ada)
        #expect(kept.name == "secret" && kept.items?.map(\.sample.id) == [kick.id])
        #expect(try await f.library.library.crates.stars(as: ada) == [kick.id])
    }
}

import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Model
import Testing
import TestSupport

/// A server (in-process router, responses checked against the OpenAPI document) over a library
/// with the engine tests' media server; users `ada` (5 credits, from ServerFixture), `bob` and
/// the admin `root`.
final class CollectionFixture: @unchecked Sendable {
    let media: URLFixture
    let server: ServerFixture
    let bob: String
    let root: String
    var library: Library { server.library.library }

    init() async throws {
        media = try await URLFixture()
        server = try await ServerFixture(library: media.library)
        bob = try await media.library.library.accounts.createUser(name: "bob", credits: 5).token
        root = try await media.library.library.accounts.createUser(name: "root", isAdmin: true).token
    }

    func url(_ path: String) -> String { media.server.url(path) }

    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)", .contentType: "application/json"] }

    /// `POST /api/v1/collections` with `urls` as ada; the response.
    func create(_ client: any TestClientProtocol, urls: [String], token: String? = nil,
                check: @escaping @Sendable (TestResponse) throws -> Void) async throws {
        let body = try JSONEncoder().encode(CollectionRequest.urls(urls))
        try await client.execute(uri: "/api/v1/collections", method: .post, headers: Self.bearer(token ?? server.token),
                                 body: ByteBuffer(bytes: body)) { try check($0) }
    }

    /// The user's balance.
    func balance(_ name: String) async throws -> Int { try await library.accounts.user(named: name).credits }
}

extension TestResponse {
    /// The body as a collection.
    var collection: SampleCollection? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(SampleCollection.self, from: Data(body.readableBytesView))
    }
}

@Suite("collections: charges, failing items and refunds, resets and rights")
struct CollectionRouteTests {
    @Test("a collection is charged per item up front; a URL refused at once costs nothing; items that fail for good give their credit back")
    func failingItemsAreRefunded() async throws {
        let f = try await CollectionFixture()
        let urls = [f.url("/files/tone.wav"), f.url("/page"), "http://exa mple.com/x", f.url("/files/tone.wav")]
        try await f.server.test { client in
            try await f.create(client, urls: urls) { response in
                #expect(response.status == .accepted)
                #expect(response.collection?.items?.count == 3)
            }
        }
        let ada = try await f.library.accounts.user(named: "ada")
        let collection = try await f.library.collections.collection(try #require(try await f.library.collections.list(as: ada.principal).first).id, as: ada.principal)
        #expect(collection.progress.total == 3, "the duplicate URL is one item")
        #expect(collection.creditsCharged == 2, "the URL refused at once is not charged")
        #expect(collection.items?[2].status == .failed, "a URL the submit path refuses fails at once")
        #expect(collection.items?[2].error != nil, "with the submit path's error")
        #expect(try await f.balance("ada") == 5 - 2)

        try await f.media.library.drain()
        try await f.server.test { client in
            try await client.execute(uri: "/api/v1/collections/\(collection.id)", method: .get, headers: CollectionFixture.bearer(f.server.token)) { response in
                #expect(response.status == .ok)
                let done = try #require(response.collection)
                #expect(done.status == .finished)
                #expect(done.items?.map(\.status) == [.completed, .failed, .failed])
                #expect(done.items?[0].sampleID != nil)
                #expect(done.items?[1].error?.code == "link.unsupported", "the web page's job failed for good")
                #expect(done.progress == SampleCollectionProgress([.completed, .failed, .failed]))
                #expect(done.creditsRefunded == 1)
            }
        }
        #expect(try await f.balance("ada") == 5 - 2 + 1)
        let account = try await f.library.accounts.account(as: try await f.library.accounts.user(named: "ada").principal)
        #expect(account.ledger.filter { $0.reference == collection.id }.map(\.delta).sorted() == [-2, 1])
        #expect(account.ledger.reduce(0) { $0 + $1.delta } == account.balance, "the ledger sums to the balance")
    }

    @Test("a collection the balance does not cover is 402 and makes nothing; a known URL reuses its sample")
    func chargesAndReuse() async throws {
        let f = try await CollectionFixture()
        let six = (1...6).map { f.url("/files/tone.wav?n=\($0)") }
        try await f.server.test { client in
            try await f.create(client, urls: six) { response in
                #expect(response.status.code == 402)
                #expect(response.errorCode == "credits.insufficient")
            }
        }
        #expect(try await f.balance("ada") == 5)
        #expect(try await f.library.collections.list(as: try await f.library.accounts.user(named: "ada").principal).isEmpty)

        let sample = try await f.library.samples.submit(f.url("/files/tone.wav"))
        try await f.media.library.drain()
        try await f.server.test { client in
            try await f.create(client, urls: [f.url("/files/tone.wav")]) { response in
                let made = try #require(response.collection)
                #expect(made.items?.first?.sampleID == sample.sample.id)
                #expect(made.items?.first?.status == .completed, "an already completed sample completes the item at once")
                #expect(made.status == .finished)
            }
        }
    }

    @Test("a local collection checks each link as `a` does: an ftp:// link and a missing file fail at once, a file already in the library completes at once, and neither is charged")
    func checksBeforeCharging() async throws {
        let test = try await TestLibrary()
        let library = test.library
        let tone = try test.tone("kick.wav", frequency: 110, seconds: 1)
        let fresh = try test.tone("snare.wav", frequency: 330, seconds: 1)
        let known = try await library.samples.submit(tone)
        try await test.drain()
        let user = try await library.accounts.createUser(name: "ada", credits: 5).user
        let urls = ["ftp://example.com/loop.mp3", tone, test.scratch.path("nope.wav"), fresh]
        let collection = try await library.collections.create(.urls(urls), as: user.principal)
        let items = try #require(collection.items)
        #expect(items.map(\.status) == [.failed, .completed, .failed, .pending])
        #expect(items[0].error?.code == "link.unsupported")
        #expect(items[1].sampleID == known.sample.id)
        #expect(items[2].error != nil)
        #expect(collection.creditsCharged == 1, "only the new file")
        var account = try await library.accounts.account(as: user.principal)
        #expect(account.balance == 4)
        #expect(account.ledger.filter { $0.reference == collection.id }.map(\.delta) == [-1])
        try await test.drain()
        let done = try await library.collections.collection(collection.id, as: user.principal)
        #expect(done.items?.map(\.status) == [.failed, .completed, .failed, .completed])
        #expect(done.creditsRefunded == 0, "nothing to give back: the refused links were never charged")

        // Only known and refused links: nothing charged at all, nothing left to do.
        let free = try await library.collections.create(.urls(["ftp://example.com/a.mp3", tone]), as: user.principal)
        #expect(free.creditsCharged == 0 && free.status == .finished)
        account = try await library.accounts.account(as: user.principal)
        #expect(account.balance == 4)
        #expect(account.ledger.reduce(0) { $0 + $1.delta } == account.balance)
    }

    @Test("a link to a sample already in the library but failed, or still to be made, is linked and not charged; it ends as its sample does, and a linked sample that fails gives back nothing it was not charged")
    func linksWhatIsAlreadyThere() async throws {
        let test = try await TestLibrary()
        let library = test.library
        let broken = test.scratch.path("broken.mp4")
        try Fixtures.randomBytes(broken, count: 2048)
        let failed = try await library.samples.submit(broken)
        try await test.drain()
        let pad = try test.tone("pad.wav", frequency: 220, seconds: 1)
        let waiting = try await library.samples.submit(pad)
        let doomed = test.scratch.path("doomed.mp4")
        try Fixtures.randomBytes(doomed, count: 4096)
        let failing = try await library.samples.submit(doomed)
        let fresh = try test.tone("hat.wav", frequency: 880, seconds: 1)
        let user = try await library.accounts.createUser(name: "ada", credits: 5).user

        let collection = try await library.collections.create(
            .urls([broken, pad, doomed, fresh]), as: user.principal)
        let items = try #require(collection.items)
        #expect(items.map(\.status) == [.failed, .pending, .pending, .pending])
        #expect(items.map(\.sampleID).prefix(3) == [failed.sample.id, waiting.sample.id, failing.sample.id])
        #expect(items[0].error?.code == "media.unreadable", "the failed sample's own error")
        #expect(collection.creditsCharged == 1, "only the file not in the library")
        #expect(try await library.accounts.account(as: user.principal).balance == 4)

        try await test.drain()
        let done = try await library.collections.collection(collection.id, as: user.principal)
        #expect(done.items?.map(\.status) == [.failed, .completed, .failed, .completed])
        #expect(done.creditsRefunded == 0, "the linked sample that failed was never charged for")
        let account = try await library.accounts.account(as: user.principal)
        #expect(account.balance == 4)
        #expect(account.ledger.reduce(0) { $0 + $1.delta } == account.balance)
    }

    @Test("bad requests: no URLs, both kinds, too many, not http(s), no token")
    func badRequests() async throws {
        let f = try await CollectionFixture()
        try await f.server.test { client in
            for body in [#"{"urls": []}"#, #"{}"#, #"{"urls": ["http://a.example/x"], "tiktok_user": "beatsbyx"}"#,
                         #"{"urls": ["  "]}"#, #"{"urls": ["/etc/passwd"]}"#, #"{"urls": ["file:///etc/passwd"]}"#,
                         #"{"urls": ["ftp://example.com/loop.mp3"]}"#,
                         #"{"urls": "http://a.example/x"}"#] {
                try await client.execute(uri: "/api/v1/collections", method: .post, headers: CollectionFixture.bearer(f.server.token),
                                         body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .unprocessableContent, "\(body)")
                }
            }
            let many = try JSONEncoder().encode(CollectionRequest.urls((0...100).map { "http://a.example/\($0).mp3" }))
            try await client.execute(uri: "/api/v1/collections", method: .post, headers: CollectionFixture.bearer(f.server.token),
                                     body: ByteBuffer(bytes: many)) { response in
                #expect(response.status == .unprocessableContent)
                #expect((response.json["error"] as? [String: Any])?["message"] as? String ?? "" ~= "MAX_COLLECTION_ITEMS")
            }
            try await client.execute(uri: "/api/v1/collections", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: #"{"urls": ["http://a.example/x"]}"#)) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/api/v1/collections", method: .post, headers: CollectionFixture.bearer(f.server.token),
                                     body: ByteBuffer(string: #"{"tiktok_user": "beatsbyx"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.errorCode == "link.unsupported", "no RAPIDAPI_KEY here")
            }
        }
        #expect(try await f.balance("ada") == 5)
    }

    @Test("reset: the owner or an admin cancels what is unfinished and gets it refunded; another user sees nothing")
    func resetAndRights() async throws {
        let f = try await CollectionFixture()
        // No worker runs: the items stay pending, as in a stuck batch.
        try await f.server.test { client in
            try await f.create(client, urls: [f.url("/files/tone.wav?a"), f.url("/files/tone.wav?b")]) { response in
                #expect(response.status == .accepted)
            }
        }
        let ada = try await f.library.accounts.user(named: "ada")
        let collection = try #require(try await f.library.collections.list(as: ada.principal).first)
        #expect(collection.status == .processing)
        #expect(try await f.balance("ada") == 3)
        let id = collection.id.uuidString.lowercased()
        try await f.server.test { client in
            // Another user: not found, for reading and for resetting.
            try await client.execute(uri: "/api/v1/collections/\(id)", method: .get, headers: CollectionFixture.bearer(f.bob)) { response in
                #expect(response.status == .notFound)
                #expect(response.errorCode == "collection.not_found")
            }
            try await client.execute(uri: "/api/v1/collections/\(id)/reset", method: .post, headers: CollectionFixture.bearer(f.bob)) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/collections", method: .get, headers: CollectionFixture.bearer(f.bob)) { response in
                #expect((response.json["items"] as? [Any])?.isEmpty == true)
            }
            // An admin user may read it; the owner resets it by a prefix of its id.
            try await client.execute(uri: "/api/v1/collections/\(id)", method: .get, headers: CollectionFixture.bearer(f.root)) { response in
                #expect(response.status == .ok)
                #expect(response.collection?.owner == "ada")
            }
            try await client.execute(uri: "/api/v1/collections/\(id.prefix(8))/reset", method: .post,
                                     headers: CollectionFixture.bearer(f.server.token)) { response in
                #expect(response.status == .ok)
                let reset = try #require(response.collection)
                #expect(reset.items?.map(\.status) == [.cancelled, .cancelled])
                #expect(reset.creditsRefunded == 2)
                #expect(reset.status == .finished)
                #expect(reset.resetAt != nil)
            }
            try await client.execute(uri: "/api/v1/collections/\(id)/reset", method: .post, headers: CollectionFixture.bearer(f.server.token)) { response in
                #expect(response.status == .conflict)
                #expect(response.errorCode == "collection.finished")
            }
        }
        #expect(try await f.balance("ada") == 5)
    }

    @Test("admin routes: reset-collection/{id} and reset-user-collections with X-Admin-Key refund the owner")
    func adminResets() async throws {
        let f = try await CollectionFixture()
        try await f.server.test { client in
            try await f.create(client, urls: [f.url("/files/tone.wav?a")]) { _ in }
            try await f.create(client, urls: [f.url("/files/tone.wav?b"), f.url("/files/tone.wav?c")]) { _ in }
        }
        #expect(try await f.balance("ada") == 2)
        let list = try await f.library.collections.list(as: try await f.library.accounts.user(named: "ada").principal)
        let oldest = try #require(list.last)
        try await f.server.test { client in
            try await client.execute(uri: "/api/v1/admin/reset-collection/\(oldest.id)", method: .post) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/api/v1/admin/reset-collection/\(oldest.id)", method: .post,
                                     headers: [HTTPField.Name("X-Admin-Key")!: "wrong"]) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/admin/reset-collection/\(oldest.id)", method: .post, headers: f.server.admin) { response in
                #expect(response.status == .ok)
                #expect(response.collection?.creditsRefunded == 1)
            }
            try await client.execute(uri: "/api/v1/admin/reset-user-collections", method: .post, headers: f.server.admin.json,
                                     body: ByteBuffer(string: #"{"name": "ada"}"#)) { response in
                #expect(response.status == .ok)
                #expect(response.json["collections"] as? Int == 1, "the one already reset is skipped")
                #expect(response.json["refunded"] as? Int == 2)
            }
            try await client.execute(uri: "/api/v1/admin/reset-user-collections", method: .post, headers: f.server.admin.json,
                                     body: ByteBuffer(string: #"{"name": "nobody"}"#)) { response in
                #expect(response.status == .notFound)
            }
        }
        #expect(try await f.balance("ada") == 5)
    }
}

/// Whether `text` contains `words` (for messages).
private func ~= (text: String, words: String) -> Bool { text.contains(words) }

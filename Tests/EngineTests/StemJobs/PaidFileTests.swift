@testable import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Model
@testable import Server
import StemTestSupport
import Testing

/// Paid files (a stem's WAV and MP3) over real HTTP on loopback: `/files` serves them only with
/// the signed link a download answers, to the user it was signed for, and counts the transfers
/// each user has open.
@Suite("paid files: signed links and concurrent transfers, over real HTTP")
struct PaidFileTests {
    /// A live server over a library with a completed sample, ada's finished drum stem, and bob.
    struct Fixture {
        let test: TestLibrary
        let server: APIServer
        let sample: Sample
        let stem: Stem
        let ada: User
        let adaToken: String
        let bobToken: String

        init() async throws {
            test = try await TestLibrary(separator: CopySeparator())
            let outcome = try await test.library.samples.submit(try test.tone("mix.wav", frequency: 220, seconds: 1))
            try await test.drain()
            sample = try await test.library.samples.sample(outcome.sample.id)
            var configuration = ServerConfiguration(environment: ["SECRET_KEY": "paid-file-tests"])
            configuration.openAPI = try OpenAPIFixture.document.get()
            server = APIServer(library: test.library, configuration: configuration)
            let made = try await test.library.accounts.createUser(name: "ada", credits: 5)
            ada = made.user
            adaToken = made.token
            bobToken = try await test.library.accounts.createUser(name: "bob", credits: 5).token
            let job = try await test.library.stems.request(of: sample.id, stems: [.drum], as: ada.principal)
            try await test.drain()
            stem = try await test.library.stems.stem(try #require(job.stems.first).id)
        }

        func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)", .contentType: "application/json"] }

        /// Runs `body` against the server on a free loopback port, responses checked against the OpenAPI document.
        func live(_ body: @escaping @Sendable (any TestClientProtocol, Int) async throws -> Void) async throws {
            let app = Application(router: server.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await app.test(.live) { client in try await body(ConformingClient(client), try #require(client.port)) }
        }

        /// `POST /api/v1/stems/{id}/download` as `token`: the link's path and query.
        func link(_ client: any TestClientProtocol, _ format: String, token: String) async throws -> String {
            try await client.execute(uri: "/api/v1/stems/\(stem.id)/download", method: .post, headers: bearer(token),
                                     body: ByteBuffer(string: #"{"format": "\#(format)"}"#)) { response in
                #expect(response.status == .ok)
                let url = try #require(URLComponents(string: response.json["url"] as? String ?? ""))
                return "\(url.path)?\(try #require(url.query))"
            }
        }

        func balance(_ name: String) async throws -> Int { try await test.library.accounts.user(named: name).credits }
    }

    @Test("an unpaid fetch of a stem's WAV is 403 file.unpaid; the owner's paid link works; another user, a changed user id, another key or an expired link are refused")
    func signedLinks() async throws {
        let f = try await Fixture()
        let wav = try #require(f.stem.files?.wav)
        let mp3 = try #require(f.stem.files?.mp3)
        try await f.live { client, _ in
            for method in [HTTPRequest.Method.get, .head] {
                try await client.execute(uri: "/files/\(wav.key)", method: method, headers: f.bearer(f.adaToken)) { response in
                    #expect(response.status == .forbidden, "\(method): a token is not a payment")
                    if method == .get { #expect(response.errorCode == "file.unpaid") }
                }
            }
            #expect(try await f.balance("ada") == 3, "nothing charged yet")

            let link = try await f.link(client, "wav", token: f.adaToken)
            #expect(try await f.balance("ada") == 2, "the first download costs 1 credit")
            try await client.execute(uri: link, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == wav.bytes)
                #expect(response.headers[.cacheControl] == "private, no-store")
            }
            try await client.execute(uri: link, method: .get, headers: [.range: "bytes=0-99"]) { response in
                #expect(response.status == .partialContent && response.body.readableBytes == 100)
            }

            // Bob: no download of ada's stem, and ada's link does not become his by changing the user.
            try await client.execute(uri: "/api/v1/stems/\(f.stem.id)/download", method: .post, headers: f.bearer(f.bobToken),
                                     body: ByteBuffer(string: #"{"format": "wav"}"#)) { response in
                #expect(response.status == .notFound && response.errorCode == "stem.not_found")
            }
            #expect(try await f.balance("bob") == 5)
            let bob = try await f.test.library.accounts.user(named: "bob")
            let forged = link.replacingOccurrences(of: f.ada.id.uuidString.lowercased(), with: bob.id.uuidString.lowercased())
            #expect(forged != link)
            try await client.execute(uri: forged, method: .get) { #expect($0.status == .forbidden && $0.errorCode == "file.link_invalid") }
            let otherKey = link.replacingOccurrences(of: "audio.wav", with: "audio.mp3")
            try await client.execute(uri: otherKey, method: .get) { #expect($0.errorCode == "file.link_invalid") }
            let signer = FileLinkSigner(secret: f.server.configuration.fileLinkSecret, lifetime: 900)
            let expired = "/files/\(mp3.key)?\(signer.query(for: mp3.key, user: f.ada.id, now: Date(timeIntervalSinceNow: -901)))"
            try await client.execute(uri: expired, method: .get) { #expect($0.status == .forbidden && $0.errorCode == "file.link_expired") }

            // The mp3 link is free now (the stem is paid for); what auditions a stem, and a sample's files, stay public.
            let mp3Link = try await f.link(client, "mp3", token: f.adaToken)
            try await client.execute(uri: mp3Link, method: .get) { #expect($0.status == .ok && $0.body.readableBytes == mp3.bytes) }
            #expect(try await f.balance("ada") == 2)
            for key in [try #require(f.stem.files?.hls?.key), try #require(f.stem.files?.waveform?.key), try #require(f.sample.files?.wav?.key)] {
                try await client.execute(uri: "/files/\(key)", method: .get) { #expect($0.status == .ok, "\(key)") }
            }
        }
        let ledger = try await f.test.library.accounts.account(as: f.ada.principal).ledger
        #expect(ledger.map(\.reason) == [.stemDownload, .stemsCharge, .accountOpen])
    }

    @Test("three transfers of paid files held open: the fourth at the same time is 429 with Retry-After; when one ends, another may start")
    func concurrentTransfers() async throws {
        let f = try await Fixture()
        let wav = try #require(f.stem.files?.wav)
        // A body far larger than the socket buffers, so a transfer nobody reads stays open.
        let path = try #require(f.test.library.localBlobs).filePath(for: try BlobKey(wav.key))
        try Data(count: 64 << 20).write(to: URL(fileURLWithPath: path))
        try await f.live { client, port in
            let link = try await f.link(client, "wav", token: f.adaToken)
            var held: [HeldTransfer] = []
            for _ in 0..<3 {
                let transfer = try HeldTransfer(port: port, target: link)
                #expect(try await transfer.status() == 200)
                held.append(transfer)
            }
            #expect(f.server.downloadSlots.inUse("user:\(f.ada.id.uuidString)") == 3)
            try await client.execute(uri: link, method: .get) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.errorCode == "rate.limited")
                #expect(response.headers[.retryAfter] == "1")
            }
            // The link and the charge are not the limit: asking for another link is fine.
            _ = try await f.link(client, "mp3", token: f.adaToken)

            held.removeFirst().close()
            // The server notices the closed connection when its next write fails: wait for that (bounded).
            let deadline = ContinuousClock.now + .seconds(20)
            while f.server.downloadSlots.inUse("user:\(f.ada.id.uuidString)") > 2, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            let next = try HeldTransfer(port: port, target: link)
            #expect(try await next.status() == 200)
            next.close()
            for transfer in held { transfer.close() }
        }
        #expect(try await f.balance("ada") == 2, "one charge, however many transfers")
    }
}

@testable import Engine
import Foundation
import HTTPTypes
import Media
import Model
import SQLKit
@testable import Server
import TestSupport
import Testing

@Suite("server pieces: users and tokens, ranges, the admin key")
struct ServerUnitTests {
    @Test("users: tokens are 64 hex digits, stored only as their SHA-256; names are unique and checked; credits add up")
    func users() async throws {
        let t = try await TestLibrary()
        let library = t.library
        let created = try await library.accounts.createUser(name: "ada", credits: 3)
        #expect(created.token.count == 64 && created.token.allSatisfy(\.isHexDigit))
        #expect(try await library.accounts.authenticate(token: created.token)?.name == "ada")
        #expect(try await library.accounts.authenticate(token: String(created.token.dropLast()) + "x") == nil)
        #expect(try await library.accounts.authenticate(token: "") == nil)
        let other = try await library.accounts.createUser(name: "bob")
        #expect(other.token != created.token)

        let rows = try await library.database.sql.raw("SELECT token_hash FROM users").all()
        let hashes = try rows.map { try $0.decode(column: "token_hash", as: String.self) }
        #expect(hashes.count == 2)
        #expect(!hashes.contains(created.token))
        #expect(hashes.contains(try AccountService.tokenHash(created.token)))

        await #expect(throws: SampleTokError.self) { try await library.accounts.createUser(name: "ada") }
        for bad in ["", "has space", String(repeating: "a", count: 65), "ünï", "a/b"] {
            await #expect(throws: SampleTokError.self, "\(bad)") { try await library.accounts.createUser(name: bad) }
        }
        await #expect(throws: SampleTokError.self) { try await library.accounts.createUser(name: "neg", credits: -1) }

        #expect(try await library.accounts.addCredits(name: "ada", amount: 4).credits == 7)
        await #expect(throws: SampleTokError.self) { try await library.accounts.addCredits(name: "ada", amount: 0) }
        await #expect(throws: SampleTokError.self) { try await library.accounts.addCredits(name: "nobody", amount: 1) }
        #expect(try await library.accounts.users().map(\.name) == ["ada", "bob"])
    }

    @Test("the SHA-256 of bytes through libavutil matches the known digests")
    func sha256() throws {
        #expect(try Media.FileHasher.sha256(bytes: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(try Media.FileHasher.sha256(bytes: [UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("Range headers resolve against a file's size", arguments: [
        ("bytes=0-9", 100, RangeHeader.part(0...9)),
        ("bytes=90-", 100, .part(90...99)),
        ("bytes=-10", 100, .part(90...99)),
        ("bytes=-500", 100, .part(0...99)),
        ("bytes=50-1000", 100, .part(50...99)),
        ("bytes=100-", 100, .unsatisfiable),
        ("bytes=100-200", 100, .unsatisfiable),
        ("bytes=-0", 100, .unsatisfiable),
        ("bytes=0-0", 0, .unsatisfiable),
        ("bytes=9-3", 100, .whole),
        ("bytes=0-1,5-6", 100, .whole),
        ("items=0-1", 100, .whole),
        ("bytes=a-b", 100, .whole),
        ("bytes=", 100, .whole),
        ("BYTES=0-9", 100, .part(0...9)),
        // RFC 9110 §14.1.1: positions are 1*DIGIT; anything else is unparseable and ignored.
        ("bytes=--5", 100, .whole),
        ("bytes=+1-5", 100, .whole),
        ("bytes=1-+5", 100, .whole),
        ("bytes=-+5", 100, .whole),
        ("bytes=1 -5", 100, .whole),
        ("bytes=-", 100, .whole),
        ("bytes=0x10-", 100, .whole),
        ("bytes=1-2-3", 100, .whole),
        ("bytes=99999999999999999999999-", 100, .whole),
    ])
    func ranges(header: String, size: Int, expected: RangeHeader) {
        #expect(RangeHeader(header, size: size) == expected)
    }

    @Test("the admin key compares equal only for the same text; If-None-Match lists match the ETag")
    func adminKeyAndETags() {
        #expect(AdminKey.constantTimeEqual("secret", "secret"))
        #expect(!AdminKey.constantTimeEqual("secret", "secreT"))
        #expect(!AdminKey.constantTimeEqual("secret", "secret "))
        #expect(!AdminKey.constantTimeEqual("", "secret"))
        #expect(APIServer.matches("\"a\", \"b\"", "\"b\""))
        #expect(APIServer.matches("*", "\"b\""))
        #expect(APIServer.matches("W/\"b\"", "\"b\""))
        #expect(!APIServer.matches("\"c\"", "\"b\""))
    }

    @Test("error codes map to their statuses")
    func statuses() {
        #expect(APIError.status(for: "sample.not_found") == .notFound)
        #expect(APIError.status(for: "sample.not_ready") == .conflict)
        #expect(APIError.status(for: "link.unsupported") == .unprocessableContent)
        #expect(APIError.status(for: "auth.invalid_token") == .unauthorized)
        #expect(APIError.status(for: "newer.unknown_code") == .internalServerError, "a code this build does not declare")
        #expect(APIError.status(for: "credits.insufficient").code == 402)
        #expect(APIError.status(for: "rate.limited") == .tooManyRequests)
        #expect(APIError.status(for: "media.corrupt") == .internalServerError)
    }
}

@Suite("library migrations survive a crash between a migration and its record")
struct MigrationRestartTests {
    @Test("a library whose migration records are lost (killed mid-migration) opens again and keeps its rows")
    func rerunMigrations() async throws {
        let scratch = Scratch("migrations")
        var configuration = EngineConfiguration(environment: [:])
        configuration.home = scratch.url.appendingPathComponent("home")
        let first = try await Library.open(configuration)
        _ = try await first.accounts.createUser(name: "ada")
        _ = try await first.samples.submit("http://example.com/a.wav")
        try await first.database.sql.raw("DELETE FROM _fluent_migrations").run()
        await first.close()

        let again = try await Library.open(configuration)
        #expect(try await again.accounts.users().map(\.name) == ["ada"])
        #expect(try await again.samples.list(SampleQuery()).total == 1)
        await again.close()
    }
}

@testable import Engine
import Foundation
import Model
import Net
@testable import Resolvers
import TestSupport

/// A clock a test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var time = Date(timeIntervalSince1970: 1_800_000_000)

    var now: Date { lock.withLock { time } }

    func advance(days: Double) { lock.withLock { time += days * 86400 } }
}

/// A library whose TikTok and Instagram resolvers use the fake RapidAPI, with a clock the test
/// moves. The fake's links by the name `localhost` are short links (by `127.0.0.1` they are not).
///
/// It fetches as a server does: under the public-only address policy, with only the fake's own
/// port allowed (`ALLOWED_PRIVATE_ADDRESSES`), so a media URL a provider answers that points
/// anywhere else on the machine or its network is refused as it would be in production.
final class SourcesFixture: @unchecked Sendable {
    let fake: FakeRapidAPI
    let clock = TestClock()
    let library: TestLibrary

    /// `server: false` fetches as the local app does (any address, yt-dlp downloads itself).
    init(key: String? = "good-key", environment: [String: String] = [:], server: Bool = true) async throws {
        let fake = try FakeRapidAPI()
        let clock = self.clock
        var env = ["TIKTOK_API_BASE_URL": fake.tiktokBase, "INSTAGRAM_API_BASE_URL": fake.instagramBase,
                   "TIKTOK_SHORT_LINK_HOSTS": "localhost:\(fake.server.port)"].merging(environment) { $1 }
        if let key { env["RAPIDAPI_KEY"] = key }
        let sources = SourcesConfiguration(environment: env)
        let allowed = ["127.0.0.1:\(fake.server.port)", "[::1]:\(fake.server.port)"].compactMap(AllowedEndpoint.init)
        library = try await TestLibrary { configuration in
            if server {
                configuration.allowLocalFiles = false
                configuration.allowedPrivateAddresses = allowed
            }
            configuration.sources = sources
            configuration.sources.apiRetryDelay = 0.01
            configuration.clock = { clock.now }
        }
        self.fake = fake
    }

    var engine: Library { library.library }

    /// Submits `text`, runs the workers until nothing waits, and returns the sample.
    func process(_ text: String) async throws -> Sample {
        let outcome = try await engine.samples.submit(text)
        try await library.drain()
        return try await engine.samples.sample(outcome.sample.id)
    }

    /// A short link on the fake.
    func short(_ code: String) -> String { "http://localhost:\(fake.server.port)/s/\(code)" }
}

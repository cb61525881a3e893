@testable import Engine
import Foundation
import Net
@testable import Resolvers
import TestSupport

/// The fake RapidAPI server (Tests/Fixtures/fake_rapidapi.py) speaking the RapidAPI gateway's
/// TikTok (`/api/post/detail`, …) and Instagram (`/post`, `/profile`) APIs as they answer, with a two-second tone as the media of every post.
final class FakeRapidAPI: @unchecked Sendable {
    let server: FixtureServer
    let folder: Scratch

    init() throws {
        folder = Scratch("rapidapi")
        try Fixtures.audio(folder.path("tone.wav"), expression: "0.3*sin(2*PI*440*t)", rate: 44100, seconds: 2,
                           codecArguments: ["-c:a", "pcm_s16le"])
        try Data(repeating: 0xFF, count: 64).write(to: folder.url.appendingPathComponent("cover.jpg"))
        let script = FixtureServer.script(named: "fake_rapidapi.py")
        server = try FixtureServer(script: script, arguments: [folder.url.path])
    }

    /// The TikTok API's base URL on the fake.
    var tiktokBase: String { server.url("/tiktok") }
    /// The Instagram API's base URL on the fake.
    var instagramBase: String { server.url("/instagram") }

    /// A TikTok client of the fake with `key`, retrying quickly.
    func tiktok(key: String = "good-key") -> TikTokClient {
        TikTokClient(baseURL: tiktokBase, key: key, http: HTTPClient(), attempts: 3, retryDelay: 0.01)
    }

    /// How many requests the fake has had for `path`.
    func requests(_ path: String) async throws -> Int {
        let body = try await HTTPClient().send(.get(server.url("/_stats"))).body
        let counts = try JSONSerialization.jsonObject(with: body) as? [String: Int]
        return counts?[path] ?? 0
    }
}

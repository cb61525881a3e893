import Foundation
import Net
import Testing
import TestSupport

@Suite("sampletok --serve with the fake TikTok API, end to end")
struct SourcesEndToEndTests {
    @Test("a TikTok link submitted over HTTP is polled to a completed sample with its creator, found by the creator's name")
    func tiktokLink() async throws {
        let f = try ServeFixture()
        let folder = Scratch("fake-rapidapi")
        try Fixtures.audio(folder.path("tone.wav"), expression: "0.3*sin(2*PI*330*t)", rate: 44100, seconds: 2,
                           codecArguments: ["-c:a", "pcm_s16le"])
        let script = FixtureServer.script(named: "fake_rapidapi.py")
        let fake = try FixtureServer(script: script, arguments: [folder.url.path])
        var environment = f.environment
        environment["RAPIDAPI_KEY"] = "good-key"
        environment["TIKTOK_API_BASE_URL"] = fake.url("/tiktok")
        let server = try ServeProcess(environment: environment)

        let id = try await f.submit("https://www.tiktok.com/@beatsbyx/video/7300000000000000001?is_from_webapp=1", to: server)
        let deadline = Date().addingTimeInterval(120)
        var sample: [String: Any] = [:]
        while Date() < deadline {
            sample = try await f.sample(id, from: server)
            if let status = sample["status"] as? String, status == "completed" || status == "failed" { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(sample["status"] as? String == "completed", "\(sample)")
        #expect(sample["platform"] as? String == "tiktok")
        #expect(sample["canonical_url"] as? String == "https://www.tiktok.com/@/video/7300000000000000001")
        #expect(sample["video_id"] as? String == "7300000000000000001")
        #expect(sample["creator"] as? String == "beatsbyx")
        let creator = try #require(sample["creator_profile"] as? [String: Any])
        #expect(creator["display_name"] as? String == "Beats By X")
        #expect(creator["followers"] as? Int == 207_900)
        #expect((sample["stats"] as? [String: Any])?["views"] as? Int == 1_200_000)

        let found = try await f.http.send(.get(server.url("/api/v1/samples?q=beats%20by%20x")))
        let items = (try JSONSerialization.jsonObject(with: found.body) as? [String: Any])?["items"] as? [[String: Any]]
        #expect(items?.compactMap { $0["id"] as? String } == [id])
        #expect(server.terminate(within: 30) == 0)
    }
}

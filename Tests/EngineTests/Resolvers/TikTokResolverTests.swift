@testable import Engine
import Foundation
import Model
@testable import Resolvers
import Testing

@Suite("TikTok links become samples")
struct TikTokResolverTests {
    static let canonical = "https://www.tiktok.com/@/video/7300000000000000001"

    @Test("every form of one post, short links through their redirects, is one sample")
    func oneSamplePerPost() async throws {
        let f = try await SourcesFixture()
        let first = try await f.engine.samples.submit("https://www.tiktok.com/@beatsbyx/video/7300000000000000001?is_from_webapp=1&sender_device=pc")
        #expect(first.created)
        #expect(first.sample.canonicalURL == Self.canonical)
        #expect(first.sample.platform == "tiktok")
        for form in ["https://m.tiktok.com/v/7300000000000000001.html", "https://tiktok.com/@beatsbyx/video/7300000000000000001",
                     "https://www.tiktok.com/embed/v2/7300000000000000001", f.short("ZMabc123"), f.short("chain")] {
            let again = try await f.engine.samples.submit(form)
            #expect(!again.created, "\(form)")
            #expect(again.sample.id == first.sample.id, "\(form)")
        }
        #expect(try await f.fake.requests("/s/chain") == 1)
    }

    @Test("short links that lead nowhere are refused at once", arguments: ["gone", "home"])
    func deadShortLinks(code: String) async throws {
        let f = try await SourcesFixture()
        do {
            _ = try await f.engine.samples.submit(f.short(code))
            Issue.record("expected link.not_found")
        } catch let error as SampleTokError {
            #expect(error.code == "link.not_found", "\(error)")
            #expect(error.message.contains(f.short(code)))
        }
    }

    @Test("a processed post carries its caption, stats, post id, cover and creator with followers; search finds it by creator")
    func metadata() async throws {
        let f = try await SourcesFixture()
        let sample = try await f.process("https://www.tiktok.com/@beatsbyx/video/7300000000000000001")
        #expect(sample.status == .completed, "\(String(describing: sample.error))")
        #expect(sample.title == "lo-fi kick loop #beats")
        #expect(sample.stats == SampleStats(views: 1_200_000, likes: 5199, comments: 130, shares: 42))
        #expect(sample.videoID == "7300000000000000001")
        #expect(sample.coverURL == f.fake.server.url("/media/cover.jpg"))
        #expect(sample.creator == "beatsbyx")
        #expect(sample.creatorProfile?.displayName == "Beats By X")
        #expect(sample.creatorProfile?.followers == 207_900)
        #expect(sample.creatorProfile?.avatarURL == "https://p16/1080x1080/a.webp")
        #expect(abs((sample.duration ?? 0) - 2) < 0.05)
        for words in ["beatsbyx", "Beats By", "by x"] {
            #expect(try await f.engine.samples.list(SampleQuery(search: words)).items.map(\.id) == [sample.id], "\(words)")
        }
        #expect(try await f.engine.samples.list(SampleQuery(search: "nobodyelse")).items.isEmpty)
    }

    @Test("a photo post's sound becomes the sample")
    func photoPost() async throws {
        let f = try await SourcesFixture()
        let sample = try await f.process("https://www.tiktok.com/@beatsbyx/photo/7300000000000000002")
        #expect(sample.status == .completed, "\(String(describing: sample.error))")
        #expect(sample.canonicalURL == "https://www.tiktok.com/@/video/7300000000000000002")
        #expect(abs((sample.duration ?? 0) - 2) < 0.05)
    }

    @Test("a media URL the API answers that points at the cloud metadata address is refused: link.forbidden, no retry")
    func providerURLToMetadataAddress() async throws {
        let f = try await SourcesFixture()
        let sample = try await f.process("https://www.tiktok.com/@beatsbyx/video/7300000000000000006")
        #expect(sample.status == .failed)
        #expect(sample.error?.code == "link.forbidden", "\(String(describing: sample.error))")
        #expect(sample.error?.message.contains("169.254.169.254") == true)
        #expect(try await f.engine.jobs.job(forSample: sample.id)?.attempts == 1)
    }

    @Test("a post the API cannot find fails as link.not_found without retries")
    func notFound() async throws {
        let f = try await SourcesFixture()
        let sample = try await f.process("https://www.tiktok.com/@someone/video/7399999999999999999")
        #expect(sample.status == .failed)
        #expect(sample.error?.code == "link.not_found")
        #expect(try await f.engine.jobs.job(forSample: sample.id)?.attempts == 1)
    }

    @Test("a refused key fails the sample as fetch.provider_auth naming RAPIDAPI_KEY, without retries")
    func refusedKey() async throws {
        let f = try await SourcesFixture(key: "wrong-key")
        let sample = try await f.process("https://www.tiktok.com/@beatsbyx/video/7300000000000000001")
        #expect(sample.error?.code == "fetch.provider_auth")
        #expect(sample.error?.message.contains("RAPIDAPI_KEY") == true)
        #expect(try await f.engine.jobs.job(forSample: sample.id)?.attempts == 1)
    }

    @Test("without RAPIDAPI_KEY TikTok and Instagram links are refused naming it; other links still work")
    func noKey() async throws {
        let f = try await SourcesFixture(key: nil)
        for link in ["https://www.tiktok.com/@beatsbyx/video/7300000000000000001", "https://www.instagram.com/reel/REEL1/"] {
            do {
                _ = try await f.engine.samples.submit(link)
                Issue.record("expected link.unsupported for \(link)")
            } catch let error as SampleTokError {
                #expect(error.code == "link.unsupported")
                #expect(error.message.contains("RAPIDAPI_KEY"))
            }
        }
        let direct = try await f.process(f.fake.server.url("/media/tone.wav"))
        #expect(direct.status == .completed)
    }

    @Test("a creator's profile is fetched once, reused for 7 days, then fetched again")
    func creatorCacheExpiry() async throws {
        let f = try await SourcesFixture()
        let seen = Creator(platform: "tiktok", username: "beatsbyx", displayName: "from the post")
        let first = try await f.engine.samples.cachedCreator(seen)
        #expect(first.followers == 207_900 && first.displayName == "Beats By X")
        #expect(try await f.fake.requests("/tiktok/user/info") == 1)
        f.clock.advance(days: 6.9)
        _ = try await f.engine.samples.cachedCreator(seen)
        #expect(try await f.fake.requests("/tiktok/user/info") == 1)
        f.clock.advance(days: 0.2)
        let again = try await f.engine.samples.cachedCreator(seen)
        #expect(try await f.fake.requests("/tiktok/user/info") == 2)
        #expect(again.fetchedAt == f.clock.now)
        #expect(try await f.engine.samples.creator(platform: "tiktok", username: "@beatsbyx")?.followers == 207_900)
    }

    @Test("a profile that cannot be fetched keeps what the post said and does not fail the sample")
    func profileUnavailable() async throws {
        let f = try await SourcesFixture()
        let seen = Creator(platform: "tiktok", username: "someoneelse", displayName: "Someone")
        let kept = try await f.engine.samples.cachedCreator(seen)
        #expect(kept.displayName == "Someone" && kept.followers == nil && kept.fetchedAt == nil)
        _ = try await f.engine.samples.cachedCreator(seen)
        #expect(try await f.fake.requests("/tiktok/user/info") == 2)
    }
}

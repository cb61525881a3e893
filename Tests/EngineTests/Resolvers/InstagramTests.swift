@testable import Engine
import Foundation
import Model
@testable import Resolvers
import Testing

@Suite("Instagram links become samples")
struct InstagramTests {
    @Test("post link forms are recognised, with one canonical URL", arguments: [
        ("https://www.instagram.com/p/REEL1/", "REEL1"), ("https://instagram.com/reel/REEL1/?igsh=abc", "REEL1"),
        ("https://www.instagram.com/reels/REEL1", "REEL1"), ("https://www.instagram.com/tv/REEL1/", "REEL1"),
        ("https://www.instagram.com/reelmaker/reel/REEL1/", "REEL1"), ("https://m.instagram.com/p/Ab_c-12345/", "Ab_c-12345"),
    ])
    func forms(text: String, code: String) throws {
        #expect(InstagramLink.shortcode(try #require(URLComponents(string: text))) == code)
        #expect(InstagramLink.canonical(code) == "https://www.instagram.com/p/\(code)/")
    }

    @Test("what is not a post is not claimed", arguments: [
        "https://www.instagram.com/", "https://www.instagram.com/reelmaker/", "https://www.instagram.com/explore/tags/beats/",
        "https://notinstagram.com/p/REEL1/", "https://www.instagram.com/p/", "https://www.instagram.com/stories/reelmaker/123/",
    ])
    func refused(text: String) throws {
        #expect(InstagramLink.shortcode(try #require(URLComponents(string: text))) == nil)
    }

    @Test("a reel becomes a sample with its caption, stats and creator")
    func reel() async throws {
        let f = try await SourcesFixture()
        let sample = try await f.process("https://www.instagram.com/reel/REEL1/?igsh=xyz")
        #expect(sample.status == .completed, "\(String(describing: sample.error))")
        #expect(sample.platform == "instagram")
        #expect(sample.canonicalURL == "https://www.instagram.com/p/REEL1/")
        #expect(sample.title == "808 bass reel")
        #expect(sample.description == "808 bass reel\nfull beat on my page")
        #expect(sample.stats == SampleStats(views: 78901, likes: 1234, comments: 56))
        #expect(sample.creator == "reelmaker")
        #expect(sample.creatorProfile?.displayName == "Reel Maker" && sample.creatorProfile?.followers == 5000)
        #expect(try await f.engine.samples.submit("https://www.instagram.com/reelmaker/reel/REEL1/").sample.id == sample.id)
    }

    @Test("a carousel's video is taken; a photo, a missing post or video_versions at 169.254.169.254 fail with their code",
          arguments: [("CAROUSEL1", nil), ("PHOTO1", "link.no_media"), ("MISSING1", "link.not_found"),
                      ("METADATA1", "link.forbidden")])
    func kinds(code: String, error: String?) async throws {
        let f = try await SourcesFixture()
        let sample = try await f.process("https://www.instagram.com/p/\(code)/")
        #expect(sample.error?.code == error, "\(String(describing: sample.error))")
        #expect(sample.status == (error == nil ? .completed : .failed))
    }

    @Test("a quota-exhausted key is rate.limited, retried by the job, and the message says what to do")
    func quota() async throws {
        let f = try await SourcesFixture(key: "quota-key")
        let sample = try await f.process("https://www.instagram.com/p/REEL1/")
        #expect(sample.error?.code == "rate.limited")
        #expect(sample.error?.message.contains("RAPIDAPI_KEY") == true)
        #expect(try await f.engine.jobs.job(forSample: sample.id)?.attempts == 4)
    }
}

@testable import Engine
import Foundation
import Model
import Net
@testable import Resolvers
import Testing

@Suite("TikTok client against the fake RapidAPI")
struct TikTokClientTests {
    @Test("a video's metadata: caption, stats, author, no-watermark media, cover")
    func video() async throws {
        let fake = try FakeRapidAPI()
        let video = try await fake.tiktok().video("https://www.tiktok.com/@beatsbyx/video/7300000000000000001")
        #expect(video.id == "7300000000000000001")
        #expect(video.title == "lo-fi kick loop #beats")
        #expect(video.playCount == 1_200_000 && video.diggCount == 5199 && video.commentCount == 130 && video.shareCount == 42)
        #expect(video.author?.uniqueID == "beatsbyx" && video.author?.nickname == "Beats By X")
        #expect(video.hdplay == fake.server.url("/media/tone.wav"))
        #expect(video.cover == fake.server.url("/media/cover.jpg"))
        #expect(!video.isPhotoPost)
    }

    @Test("relative media URLs are resolved against the API base")
    func relativeMedia() async throws {
        let fake = try FakeRapidAPI()
        let video = try await fake.tiktok().video("7300000000000000003")
        #expect(video.play == fake.server.url("/media/tone.wav"))
        #expect(video.music == fake.server.url("/media/tone.wav"))
    }

    @Test("a photo post has its images and its sound")
    func photoPost() async throws {
        let fake = try FakeRapidAPI()
        let video = try await fake.tiktok().video("https://www.tiktok.com/@beatsbyx/photo/7300000000000000002")
        #expect(video.isPhotoPost)
        #expect(video.images?.count == 2)
        #expect(video.music == fake.server.url("/media/tone.wav"))
        #expect(video.play == nil)
    }

    @Test("a profile: display name, followers, the largest avatar")
    func profile() async throws {
        let fake = try FakeRapidAPI()
        let profile = try await fake.tiktok().profile("@beatsbyx")
        #expect(profile.uniqueID == "beatsbyx" && profile.nickname == "Beats By X")
        #expect(profile.followerCount == 207_900)
        #expect(profile.avatar == "https://p16/1080x1080/a.webp")
    }

    @Test("a user's posts, paged by cursor, as canonical post URLs")
    func userPosts() async throws {
        let fake = try FakeRapidAPI()
        let client = fake.tiktok()
        let first = try await client.posts(of: "beatsbyx", count: 2)
        #expect(first.videos.map(\.id) == ["7300000000000000101", "7300000000000000102"])
        #expect(first.hasMore && first.cursor == "2")
        let all = try await client.postURLs(of: "beatsbyx", limit: 10)
        #expect(all.count == 5)
        #expect(all.first == "https://www.tiktok.com/@/video/7300000000000000101")
        #expect(try await client.postURLs(of: "beatsbyx", limit: 3).count == 3)
    }

    @Test("provider and gateway errors become dotted codes naming what to do",
          arguments: [
              ("good-key", "https://www.tiktok.com/@x/video/1234567", "link.not_found", "private or deleted"),
              ("good-key", "7300000000000000005", "rate.limited", "Free Api Limit"),
              ("wrong-key", "7300000000000000001", "fetch.provider_auth", "RAPIDAPI_KEY"),
              ("unsubscribed-key", "7300000000000000001", "fetch.provider_auth", "not subscribed"),
              ("quota-key", "7300000000000000001", "rate.limited", "plan"),
              ("burst-key", "7300000000000000001", "rate.limited", "try again in 7 s"),
          ])
    func errors(key: String, link: String, code: String, words: String) async throws {
        let fake = try FakeRapidAPI()
        do {
            _ = try await fake.tiktok(key: key).video(link)
            Issue.record("expected \(code)")
        } catch let error as SampleTokError {
            #expect(error.code == code, "\(error)")
            #expect(error.message.contains(words), "\(error.message)")
        }
    }

    @Test("transient 5xx answers are retried a bounded number of times")
    func retries() async throws {
        let fake = try FakeRapidAPI()
        let once = TikTokClient(baseURL: fake.tiktokBase, key: "good-key", http: HTTPClient(), attempts: 1, retryDelay: 0.01)
        await #expect(throws: SampleTokError.self) { try await once.video("7300000000000000004") }
        // The fake fails twice in all; the second client's first try is the second failure.
        let video = try await fake.tiktok().video("7300000000000000004")
        #expect(video.id == "7300000000000000001")
        #expect(try await fake.requests("/tiktok/") == 3)
    }

    @Test("an API that is not there is fetch.unreachable after its tries, naming the API")
    func unreachable() async throws {
        let client = TikTokClient(baseURL: "http://127.0.0.1:9", key: "k", http: HTTPClient(), attempts: 2, retryDelay: 0.01)
        do {
            _ = try await client.video("7300000000000000001")
            Issue.record("expected an error")
        } catch let error as SampleTokError {
            #expect(error.code == "fetch.unreachable")
            #expect(error.message.contains("TikTok API"))
        }
    }
}

@Suite("a library's TikTok posts call")
struct LibraryTikTokPostsTests {
    @Test("with RAPIDAPI_KEY the library lists a creator's posts; without it the error names the variable")
    func postURLs() async throws {
        let fake = try FakeRapidAPI()
        let keyed = try await TestLibrary { configuration in
            configuration.sources = SourcesConfiguration(environment: ["RAPIDAPI_KEY": "good-key", "TIKTOK_API_BASE_URL": fake.tiktokBase])
        }
        #expect(try await keyed.library.collections.tiktokPostURLs(of: "@beatsbyx", limit: 4).count == 4)
        let bare = try await TestLibrary()
        do {
            _ = try await bare.library.collections.tiktokPostURLs(of: "beatsbyx")
            Issue.record("expected link.unsupported")
        } catch let error as SampleTokError {
            #expect(error.code == "link.unsupported")
            #expect(error.message.contains("RAPIDAPI_KEY"))
        }
    }
}

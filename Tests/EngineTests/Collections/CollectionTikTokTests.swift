import Engine
import Foundation
import Model
import Resolvers
import TestSupport
import Testing

@Suite("collections of a TikTok creator's posts")
struct CollectionTikTokTests {
    @Test("tiktok_user: the creator's latest posts become the items, charged each; posts already in the library cost nothing; an unknown account or a short balance makes nothing")
    func creatorPosts() async throws {
        let fake = try FakeRapidAPI()
        let t = try await TestLibrary { configuration in
            configuration.sources = SourcesConfiguration(environment: ["RAPIDAPI_KEY": "good-key", "TIKTOK_API_BASE_URL": fake.tiktokBase])
        }
        let ada = try await t.library.accounts.createUser(name: "ada", credits: 4).user
        let made = try await t.library.collections.create(.tiktokUser("@beatsbyx", limit: 4), as: ada.principal)
        #expect(made.source == "tiktok_user")
        #expect(made.tiktokUser == "beatsbyx")
        #expect(made.items?.count == 4)
        #expect(made.items?.allSatisfy { $0.url.contains("/video/73000000000000001") && $0.sampleID != nil } == true)
        #expect(made.creditsCharged == 4)
        #expect(try await t.library.accounts.user(named: "ada").credits == 0)

        do {
            _ = try await t.library.collections.create(.tiktokUser("nobody-here"), as: ada.principal)
            Issue.record("an unknown account made a collection")
        } catch let error as SampleTokError {
            #expect(error.code == "link.not_found")
        }
        do {
            // Four of the five posts are on their way already (free); the fifth costs 1, and the balance is 0.
            _ = try await t.library.collections.create(.tiktokUser("beatsbyx", limit: 5), as: ada.principal)
            Issue.record("a collection the balance does not cover was made")
        } catch let error as SampleTokError {
            #expect(error.code == "credits.insufficient")
        }
        #expect(try await t.library.collections.list(as: ada.principal).count == 1)
        #expect(try await t.library.accounts.user(named: "ada").credits == 0)

        let again = try await t.library.collections.create(.tiktokUser("beatsbyx", limit: 4), as: ada.principal)
        #expect(again.creditsCharged == 0, "every post is in the library already")
        #expect(again.items?.map(\.sampleID) == made.items?.map(\.sampleID))
        #expect(try await t.library.accounts.user(named: "ada").credits == 0)
    }
}

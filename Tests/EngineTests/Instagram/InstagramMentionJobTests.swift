import Engine
import Foundation
import Model
import Testing
import TestSupport

@Suite("Instagram mention jobs against a fake Graph API")
struct InstagramMentionJobTests {
    @Test("a comment mention is read, made a sample and answered with the sample's link")
    func endToEnd() async throws {
        let f = try await MentionFixture()
        try await f.server.test { client in
            try await MentionFixture.post(client, MentionFixture.delivery([("17918195224117851", "17894227972186120")])) { response in
                #expect(response.status == .ok)
            }
        }
        try await f.drain()
        let engagement = try #require(try await f.library.instagram.engagements().first)
        #expect(engagement.status == .completed, "\(String(describing: engagement.error))")
        let sampleID = try #require(engagement.sampleID)
        let sample = try await f.library.samples.sample(sampleID)
        #expect(sample.status == .completed)
        #expect(abs((sample.duration ?? 0) - 1) < 0.05)
        #expect(engagement.mediaURL == f.graph.url("/media/tone.wav"))

        let calls = try await f.calls()
        let read = try #require(calls.first { $0["method"] as? String == "GET" })
        #expect(read["path"] as? String == "/v25.0/17841405726653026")
        let query = read["query"] as? [String: String] ?? [:]
        #expect(query["fields"]?.hasPrefix("mentioned_media.media_id(17918195224117851){") == true)
        #expect(query["access_token"] == "good-token")
        let replies = try await f.replies()
        #expect(replies.count == 1)
        let reply = try #require(replies.first)
        #expect(reply["media_id"] == "17918195224117851")
        #expect(reply["comment_id"] == "17894227972186120")
        #expect(reply["access_token"] == "good-token")
        let link = "\(MentionFixture.publicBaseURL)/api/v1/samples/\(sampleID.uuidString.lowercased())"
        #expect(reply["message"]?.contains(link) == true, "\(reply["message"] ?? "")")
        #expect(engagement.replyID?.isEmpty == false)
        #expect(calls.filter { ($0["path"] as? String)?.hasSuffix("/mentions") == true }.count == 1, "one reply, no duplicates")

        // A caption mention of the same media reuses the sample and replies without a comment id.
        try await f.server.test { client in
            try await MentionFixture.post(client, MentionFixture.delivery([("17918195224117851", nil)])) { response in
                #expect(response.json["recorded"] as? Int == 1)
            }
        }
        try await f.drain()
        let caption = try #require(try await f.library.instagram.engagements().first { $0.mention.commentID == nil })
        #expect(caption.status == .completed)
        #expect(caption.sampleID == sampleID)
        let second = try await f.replies()
        #expect(second.count == 2)
        #expect(second.last?["comment_id"] == nil)
        // The jobs list (the TUI's pane) shows sample jobs only.
        #expect(try await f.library.jobs.list(includeDone: true).allSatisfy { $0.sampleID == sampleID })
    }

    @Test("an expired token (code 190) fails the mention at once with a message naming INSTAGRAM_ACCESS_TOKEN; no reply")
    func expiredToken() async throws {
        let f = try await MentionFixture(accessToken: "expired-token")
        try await f.server.test { client in
            try await MentionFixture.post(client, MentionFixture.delivery([("42", "43")])) { _ in }
        }
        try await f.drain()
        let engagement = try #require(try await f.library.instagram.engagements().first)
        #expect(engagement.status == .failed)
        #expect(engagement.error?.code == "instagram.token_expired")
        #expect(engagement.error?.message.contains("INSTAGRAM_ACCESS_TOKEN") == true)
        #expect(engagement.error?.message.contains("463") == true)
        #expect(engagement.sampleID == nil)
        #expect(try await f.calls().count == 1, "not retried: a new token is needed")
        #expect(try await f.replies().isEmpty)
    }

    @Test("a rate limit (code 4) is retried later and, when it lasts, recorded as instagram.rate_limited")
    func rateLimited() async throws {
        let f = try await MentionFixture(accessToken: "limited-token", retryBaseDelay: 0.005)
        try await f.server.test { client in
            try await MentionFixture.post(client, MentionFixture.delivery([("42", nil)])) { _ in }
        }
        try await f.drain()
        let engagement = try #require(try await f.library.instagram.engagements().first)
        #expect(engagement.status == .failed)
        #expect(engagement.error?.code == "instagram.rate_limited")
        #expect(engagement.error?.message.contains("rate limit") == true)
        #expect(try await f.calls().count == 4, "tried as often as any job")
        try await f.server.test { client in
            try await client.execute(uri: "/api/v1/webhooks/instagram/health", method: .get) { response in
                #expect(response.json["engagements"] as? [String: Int] == ["pending": 0, "processing": 0, "completed": 0, "failed": 1])
            }
        }
    }

    @Test("a media_url at the cloud metadata address is not fetched: the sample fails with link.forbidden, the mention too")
    func mediaURLToMetadataAddress() async throws {
        let f = try await MentionFixture()
        try await f.server.test { client in
            try await MentionFixture.post(client, MentionFixture.delivery([("169254", "7")])) { _ in }
        }
        try await f.drain()
        let engagement = try #require(try await f.library.instagram.engagements().first)
        #expect(engagement.status == .failed)
        let sampleID = try #require(engagement.sampleID)
        let sample = try await f.library.samples.sample(sampleID)
        #expect(sample.status == .failed)
        #expect(sample.error?.code == "link.forbidden", "\(String(describing: sample.error))")
        #expect(engagement.error?.message.contains("169.254.169.254") == true, "\(String(describing: engagement.error))")
    }

    @Test("a photo has no sound: the mention fails with instagram.no_audio and no sample")
    func photo() async throws {
        let f = try await MentionFixture()
        try await f.server.test { client in
            try await MentionFixture.post(client, MentionFixture.delivery([("555", "1")])) { _ in }
        }
        try await f.drain()
        let engagement = try #require(try await f.library.instagram.engagements().first)
        #expect(engagement.status == .failed)
        #expect(engagement.error?.code == "instagram.no_audio")
        #expect(try await f.library.samples.list(SampleQuery()).total == 0)
    }
}

import FluentKit
import Foundation
import Model

/// The durable job of one Instagram mention (kind `instagram_mention`; its `source` is the
/// engagement's id). Steps, each checkpointed: `read` the mentioned media through the Graph API,
/// `submit` its media URL to the library (a known URL reuses its sample), `wait` until that
/// sample is completed (the job is put back without counting a try), `reply` to the mention
/// with the sample's link, `save` the engagement `completed` with the job's end.
///
/// A reply is posted at most once. `replying` is checkpointed before the reply's POST and
/// cleared when the POST fails in this process (it is tried again); a process killed between
/// the POST and the `reply` checkpoint leaves `replying` set with no reply id, and the next run
/// does not post again (the Graph API cannot list our replies to a mention on another
/// account's media): the engagement is completed with `instagram.reply_unconfirmed`.
struct InstagramMentionJob: JobHandler {
    /// The job kind.
    static let kind = "instagram_mention"

    struct Checkpoints: Codable {
        var mediaURL: String?
        var sampleID: UUID?
        var replyID: String?
        /// A reply's POST was started (and neither answered nor failed yet, as far as any run knows).
        var replying: Bool?
    }

    let library: Library
    let queue: JobQueue

    func run(_ job: JobModel) async throws -> JobOutcome {
        guard let jobID = job.id else { return .finished }
        let engagement = try await library.engagementModel(of: job)
        let settings = library.configuration.instagram
        guard let token = settings.accessToken, let publicBaseURL = settings.publicBaseURL else {
            throw SampleTokError(.instagramUnconfigured, settings.disabledReason ?? "Instagram mentions are disabled.")
        }
        var checkpoints = (try? JSONDecoder().decode(Checkpoints.self, from: Data(job.checkpoints.utf8))) ?? Checkpoints()
        let graph = GraphAPIClient(baseURL: settings.graphBaseURL, accessToken: token)
        let mention = InstagramMention(accountID: engagement.accountID, mediaID: engagement.mediaID, commentID: engagement.commentID)
        if engagement.status == InstagramEngagement.Status.pending.rawValue {
            try await update(engagement) { $0.status = InstagramEngagement.Status.processing.rawValue }
        }

        if checkpoints.mediaURL == nil {
            let media = try await graph.mentionedMedia(account: mention.accountID, media: mention.mediaID)
            let url = try Self.mediaURL(of: media)
            checkpoints.mediaURL = url
            try await save(checkpoints, jobID: jobID, step: "read")
            try await update(engagement) { $0.mediaURL = url }
        }
        if checkpoints.sampleID == nil, let url = checkpoints.mediaURL {
            let outcome = try await library.submit(url)
            checkpoints.sampleID = outcome.sample.id
            try await save(checkpoints, jobID: jobID, step: "submit")
            try await update(engagement) { $0.sampleID = outcome.sample.id }
        }
        var unconfirmed: SampleTokError?
        if checkpoints.replyID == nil, checkpoints.replying == true {
            unconfirmed = SampleTokError(.instagramReplyUnconfirmed, "The server stopped while replying to this mention, so whether the reply went out is unknown; "
                + "it is not posted again, so as never to reply twice. Check the post on Instagram.")
        } else if checkpoints.replyID == nil, let sampleID = checkpoints.sampleID {
            let sample = try await library.sample(sampleID.uuidString)
            switch sample.status {
            case .pending, .processing:
                try await save(checkpoints, jobID: jobID, step: "wait")
                return .waiting(seconds: settings.sampleWaitSeconds)
            case .failed:
                throw SampleTokError(.instagramSampleFailed, "The mentioned media could not be made a sample: \(sample.error?.message ?? "it failed").")
            case .completed:
                break
            }
            checkpoints.replying = true
            try await save(checkpoints, jobID: jobID, step: "replying")
            do {
                checkpoints.replyID = try await graph.reply(account: mention.accountID, media: mention.mediaID, comment: mention.commentID,
                                                            message: Self.replyText(for: sample, publicBaseURL: publicBaseURL))
            } catch {
                // Failed here, in this process: not posted, so the next try may post it.
                checkpoints.replying = nil
                try? await save(checkpoints, jobID: jobID, step: "reply")
                throw error
            }
            checkpoints.replying = nil
            try await save(checkpoints, jobID: jobID, step: "reply")
        }

        let encoded = Self.encode(checkpoints)
        let replyID = checkpoints.replyID
        let note = unconfirmed
        try await library.db.transaction { db in
            let now = Date().timeIntervalSince1970
            engagement.status = InstagramEngagement.Status.completed.rawValue
            engagement.replyID = replyID
            engagement.errorCode = note?.code
            engagement.errorMessage = note?.message
            engagement.updatedAt = now
            try await engagement.update(on: db)
            job.end(as: .done, at: now)
            job.step = "save"
            job.progress = 1
            job.checkpoints = encoded
            try await job.update(on: db)
        }
        return .finished
    }

    func willRetry(_ job: JobModel, error: SampleTokError, delay: Double) async throws {
        let engagement = try await library.engagementModel(of: job)
        try await update(engagement) {
            $0.status = InstagramEngagement.Status.processing.rawValue
            $0.errorCode = error.code
            $0.errorMessage = error.message
        }
    }

    func fail(_ job: JobModel, error: SampleTokError) async throws {
        let engagement = try await library.engagementModel(of: job)
        try await library.db.transaction { db in
            let now = Date().timeIntervalSince1970
            engagement.status = InstagramEngagement.Status.failed.rawValue
            engagement.errorCode = error.code
            engagement.errorMessage = error.message
            engagement.updatedAt = now
            try await engagement.update(on: db)
            try await job.recordFailure(error, at: now, on: db)
        }
    }

    /// The reply: the sample's link, with its tempo and key when it has them.
    static func replyText(for sample: Sample, publicBaseURL: String) -> String {
        let facts = [sample.bpm.map { "\(Int($0.rounded())) BPM" }, sample.keyIsConfident ? sample.key?.description : nil].compactMap { $0 }
        let link = "\(publicBaseURL)/api/v1/samples/\(sample.id.uuidString.lowercased())"
        return "Your sample is ready: \(link)" + (facts.isEmpty ? "" : " (\(facts.joined(separator: ", ")))")
    }

    /// The http(s) media file of a mentioned media, or why there is none.
    static func mediaURL(of media: GraphAPIClient.MentionedMedia) throws -> String {
        if media.mediaType == "IMAGE" {
            throw SampleTokError(.instagramNoAudio, "The mentioned media is a photo: it has no sound to make a sample of.")
        }
        guard let url = media.mediaURL, let scheme = URL(string: url)?.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw SampleTokError(.instagramNoAudio, "The Graph API gave no media file for the mentioned \(media.mediaType?.lowercased() ?? "media") (albums have none of their own).")
        }
        return url
    }

    private func save(_ checkpoints: Checkpoints, jobID: UUID, step: String) async throws {
        guard try await queue.checkpoint(jobID, encoded: Self.encode(checkpoints), step: step) else {
            throw SampleTokError(.jobLeaseLost, "Another worker took over this job.")
        }
    }

    private func update(_ engagement: InstagramEngagementModel, _ change: (InstagramEngagementModel) -> Void) async throws {
        change(engagement)
        engagement.updatedAt = Date().timeIntervalSince1970
        try await engagement.update(on: library.db)
    }

    private static func encode(_ checkpoints: Checkpoints) -> String {
        (try? JSONEncoder().encode(checkpoints)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

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

    /// The steps, in order.
    enum Step: String, JobStep {
        case read, submit, wait, reply, save

        /// What the jobs pane shows while the step runs.
        var activity: String {
            switch self {
            case .read: return "reading the mentioned media"
            case .submit: return "submitting its media"
            case .wait: return "waiting for the sample"
            case .reply: return "replying to the mention"
            case .save: return "saving the engagement"
            }
        }
    }

    /// What the finished steps made (the job's checkpoint).
    struct State: JobState {
        var mediaURL: String?
        var sampleID: UUID?
        var replyID: String?
        /// A reply's POST was started (and neither answered nor failed yet, as far as any run knows).
        var replying: Bool?

        init() {}

        /// Whether `step` need not run: its result is here. Once a reply was posted or started,
        /// there is nothing to wait for or post.
        func isDone(_ step: Step) -> Bool {
            switch step {
            case .read: return mediaURL != nil
            case .submit: return sampleID != nil
            case .wait, .reply: return replyID != nil || replying == true
            case .save: return false
            }
        }
    }

    /// The library's shared parts (configuration, metrics).
    let parts: LibraryParts
    /// The engagements.
    let instagram: InstagramService
    /// The samples the mentioned media become.
    let samples: SampleService
    /// The queue holding the job.
    let queue: JobQueue

    func run(_ job: JobModel) async throws -> JobOutcome {
        guard let jobID = job.id else { return .finished }
        let engagement = try await instagram.engagementModel(of: job)
        let settings = parts.configuration.instagram
        guard let token = settings.accessToken, let publicBaseURL = settings.publicBaseURL else {
            throw SampleTokError(.instagramUnconfigured, settings.disabledReason ?? "Instagram mentions are disabled.")
        }
        var state = State.decode(job.checkpoints)
        let graph = GraphAPIClient(baseURL: settings.graphBaseURL, accessToken: token)
        let mention = InstagramMention(accountID: engagement.accountID, mediaID: engagement.mediaID, commentID: engagement.commentID)
        if engagement.status == InstagramEngagement.Status.pending.rawValue {
            try await update(engagement) { $0.status = InstagramEngagement.Status.processing.rawValue }
        }

        let runner = StepRunner<Step, State>(jobID: jobID, queue: queue, metrics: parts.metrics, metricPrefix: "instagram.")
        return try await runner.run(&state, isDone: { step, state in state.isDone(step) }, perform: { step, state in
            switch step {
            case .read:
                let url = try Self.mediaURL(of: try await graph.mentionedMedia(account: mention.accountID, media: mention.mediaID))
                state.mediaURL = url
                try await update(engagement) { $0.mediaURL = url }
            case .submit:
                guard let url = state.mediaURL else { throw SampleTokError(.jobInternal, "submit before read") }
                let outcome = try await samples.submit(url)
                state.sampleID = outcome.sample.id
                try await update(engagement) { $0.sampleID = outcome.sample.id }
            case .wait:
                guard let sampleID = state.sampleID else { throw SampleTokError(.jobInternal, "wait before submit") }
                switch try await samples.sample(sampleID).status {
                case .pending, .processing:
                    return .waiting(seconds: settings.sampleWaitSeconds)
                case .failed:
                    let sample = try await samples.sample(sampleID)
                    throw SampleTokError(.instagramSampleFailed, "The mentioned media could not be made a sample: \(sample.error?.message ?? "it failed").")
                case .completed:
                    break
                }
            case .reply:
                guard let sampleID = state.sampleID else { throw SampleTokError(.jobInternal, "reply before submit") }
                let sample = try await samples.sample(sampleID)
                // Kept before the POST: a process killed after it never posts again.
                state.replying = true
                try await runner.checkpoint(state, at: .reply)
                do {
                    state.replyID = try await graph.reply(account: mention.accountID, media: mention.mediaID, comment: mention.commentID,
                                                          message: Self.replyText(for: sample, publicBaseURL: publicBaseURL))
                } catch {
                    // Failed here, in this process: not posted, so the next try may post it.
                    state.replying = nil
                    try? await runner.checkpoint(state, at: .reply)
                    throw error
                }
                state.replying = nil
            case .save:
                try await complete(engagement, job: job, state: state)
            }
            return .next
        })
    }

    /// The engagement `completed` (with `instagram.reply_unconfirmed` when a reply's POST was
    /// started and never confirmed) and the job's end, in one transaction.
    private func complete(_ engagement: InstagramEngagementModel, job: JobModel, state: State) async throws {
        let unconfirmed = state.replyID == nil && state.replying == true
            ? SampleTokError(.instagramReplyUnconfirmed, "The server stopped while replying to this mention, so whether the reply went out is unknown; "
                + "it is not posted again, so as never to reply twice. Check the post on Instagram.")
            : nil
        let encoded = state.encoded()
        try await parts.db.transaction { db in
            let now = Date().timeIntervalSince1970
            engagement.status = InstagramEngagement.Status.completed.rawValue
            engagement.replyID = state.replyID
            engagement.errorCode = unconfirmed?.code
            engagement.errorMessage = unconfirmed?.message
            engagement.updatedAt = now
            try await engagement.update(on: db)
            try await job.finish(at: now, step: Step.save.rawValue, checkpoints: encoded, on: db)
        }
    }

    func willRetry(_ job: JobModel, error: SampleTokError, delay: Double) async throws {
        let engagement = try await instagram.engagementModel(of: job)
        try await update(engagement) {
            $0.status = InstagramEngagement.Status.processing.rawValue
            $0.errorCode = error.code
            $0.errorMessage = error.message
        }
    }

    func fail(_ job: JobModel, error: SampleTokError) async throws {
        let engagement = try await instagram.engagementModel(of: job)
        try await parts.db.transaction { db in
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

    private func update(_ engagement: InstagramEngagementModel, _ change: (InstagramEngagementModel) -> Void) async throws {
        change(engagement)
        engagement.updatedAt = Date().timeIntervalSince1970
        try await engagement.update(on: parts.db)
    }
}

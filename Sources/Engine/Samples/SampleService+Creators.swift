import FluentKit
import Foundation
import Logging
import Model
import Resolvers

extension SampleService {
    /// The creator of a resolved post, from the `creators` cache: fetched from its platform's
    /// profile endpoint (followers, display name, avatar) when not cached or older than
    /// `configuration.creatorMaxAge` (7 days), else the cached row as it is. What the post said
    /// (`seen`) fills what the profile lacks. A profile that cannot be fetched does not fail the
    /// sample: the post's own account details are kept and the fetch is tried again next time.
    func cachedCreator(_ seen: Creator) async throws -> Creator {
        let now = configuration.clock().timeIntervalSince1970
        let existing = try await CreatorModel.query(on: db).filter(\.$platform == seen.platform)
            .filter(\.$username == seen.username).first()
        if let existing, let fetched = existing.fetchedAt, now - fetched < configuration.creatorMaxAge, now >= fetched {
            return existing.creator
        }
        var fresh = seen
        do {
            if var profile = try await links.resolver.profile(platform: seen.platform, username: seen.username) {
                profile.username = seen.username
                profile.displayName = profile.displayName ?? seen.displayName
                profile.avatarURL = profile.avatarURL ?? seen.avatarURL
                profile.fetchedAt = Date(timeIntervalSince1970: now)
                fresh = profile
            }
        } catch {
            Logger(label: "sampletok.creators").warning("profile of \(seen.platform)/\(seen.username) not fetched: \(error)")
        }
        return try await saveCreator(fresh, over: existing, now: now)
    }

    /// Writes a creator's row and refreshes the copy of its fields on its samples.
    private func saveCreator(_ creator: Creator, over existing: CreatorModel?, now: Double) async throws -> Creator {
        let row = existing ?? CreatorModel()
        if existing == nil { row.id = UUID() }
        row.apply(creator)
        row.updatedAt = now
        do {
            try await row.save(on: db)
        } catch where existing == nil {
            // Another worker cached the same account a moment earlier: theirs is as good.
            if let other = try await CreatorModel.query(on: db).filter(\.$platform == creator.platform)
                .filter(\.$username == creator.username).first() { return other.creator }
            throw error
        }
        let saved = row.creator
        if let id = row.id {
            try await SampleModel.query(on: db).filter(\.$creatorID == id)
                .set(\.$creatorName, to: saved.displayName).set(\.$creatorFollowers, to: saved.followers)
                .set(\.$creatorAvatar, to: saved.avatarURL).update()
        }
        return saved
    }

    /// The cached creator `username` of `platform`, or nil when no sample brought it here.
    public func creator(platform: String, username: String) async throws -> Creator? {
        try await CreatorModel.query(on: db).filter(\.$platform == platform)
            .filter(\.$username == TikTokClient.handle(username)).first()?.creator
    }
}

import Foundation

/// A crate: a named list of samples a user keeps, in the order they chose (what a digger pulls
/// out for a session). Each user's crates are their own; names are unique per user.
public struct Crate: Codable, Sendable, Hashable, Identifiable {
    /// The crate's id.
    public var id: UUID
    /// Its name (unique among its owner's crates).
    public var name: String
    /// How many samples it holds.
    public var count: Int
    /// The samples, in order (nil in lists).
    public var items: [CrateItem]?
    /// When it was made.
    public var createdAt: Date
    /// When it was last changed (renamed, or a sample added, moved or removed).
    public var updatedAt: Date

    /// Creates a crate description.
    public init(id: UUID, name: String, count: Int, items: [CrateItem]?, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.name = name
        self.count = count
        self.items = items
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, name, count, items
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    /// Whether `text` (trimmed) is a valid crate name: 1–100 characters, no control characters
    /// (C0, DEL, C1; format characters such as an emoji's joiner are fine).
    /// Answers the trimmed name, or throws `crate.name_invalid`.
    public static func validName(_ text: String) throws -> String {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 100, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            let shown = text.count > 40 ? text.prefix(40) + "…" : Substring(text)
            throw SampleTokError(.crateNameInvalid, "A crate name is 1 to 100 characters, without control characters; '\(shown)' is not.")
        }
        return name
    }
}

/// One sample of a crate, at its place.
public struct CrateItem: Codable, Sendable, Hashable {
    /// Its place in the crate, from 1.
    public var position: Int
    /// When it was added.
    public var addedAt: Date
    /// The sample.
    public var sample: Sample

    /// Creates an item.
    public init(position: Int, addedAt: Date, sample: Sample) {
        self.position = position
        self.addedAt = addedAt
        self.sample = sample
    }

    enum CodingKeys: String, CodingKey {
        case position, sample
        case addedAt = "added_at"
    }
}

/// The body of `POST /api/v1/crates` and `PATCH /api/v1/crates/{id}`: the crate's name.
public struct CrateRequest: Codable, Sendable, Hashable {
    /// The name.
    public var name: String

    /// A request naming a crate.
    public init(name: String) { self.name = name }
}

/// The body of `POST /api/v1/crates/{id}/items`: the sample to add (an id or a unique prefix)
/// and, optionally, its place (from 1; nil or past the end: last).
public struct CrateItemRequest: Codable, Sendable, Hashable {
    /// The sample's id or prefix.
    public var sampleID: String
    /// Where it goes, from 1 (nil: at the end).
    public var position: Int?

    /// A request adding `sampleID` at `position`.
    public init(sampleID: String, position: Int? = nil) {
        self.sampleID = sampleID
        self.position = position
    }

    enum CodingKeys: String, CodingKey {
        case sampleID = "sample_id"
        case position
    }
}

/// The body of `PATCH /api/v1/crates/{id}/items/{sample_id}`: the sample's new place.
public struct CrateMoveRequest: Codable, Sendable, Hashable {
    /// The new place, from 1 (past the end: last).
    public var position: Int

    /// A request moving a sample to `position`.
    public init(position: Int) { self.position = position }
}

/// A user's starred samples (`GET /api/v1/stars`), and the answer of starring one.
public struct StarList: Codable, Sendable, Hashable {
    /// The ids of the starred samples, most recently starred first.
    public var items: [UUID]

    /// A list of starred sample ids.
    public init(items: [UUID]) { self.items = items }
}

extension SampleTokError {
    /// No crate of the caller's with that name or id.
    public static func crateNotFound(_ text: String) -> SampleTokError {
        SampleTokError(.crateNotFound, "No crate of yours named or with id '\(text)'. `sampletok crate list` shows them.")
    }
}

/// Whether a sample is starred by the user asking: the answer of `PUT` and `DELETE
/// /api/v1/samples/{id}/star`.
public struct StarState: Codable, Sendable, Hashable {
    /// The sample.
    public var sampleID: UUID
    /// Whether it is starred now.
    public var starred: Bool

    /// A sample's star.
    public init(sampleID: UUID, starred: Bool) {
        self.sampleID = sampleID
        self.starred = starred
    }

    enum CodingKeys: String, CodingKey {
        case sampleID = "sample_id"
        case starred
    }
}

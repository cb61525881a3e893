import Foundation

/// Someone who may submit and download through a server: a name, a credit balance and whether
/// they administer it. Their token is never part of this (only its hash is stored).
public struct User: Codable, Sendable, Hashable, Identifiable {
    /// Their id.
    public var id: UUID
    /// Their unique name.
    public var name: String
    /// Their credit balance (stems cost credits).
    public var credits: Int
    /// Whether they administer the server.
    public var isAdmin: Bool
    /// When they were created.
    public var createdAt: Date

    /// Creates a user.
    public init(id: UUID, name: String, credits: Int, isAdmin: Bool, createdAt: Date) {
        self.id = id
        self.name = name
        self.credits = credits
        self.isAdmin = isAdmin
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, name, credits
        case isAdmin = "is_admin"
        case createdAt = "created_at"
    }
}

/// A user just created, with the bearer token they authenticate with. The token is shown this
/// once: the library keeps only its SHA-256.
public struct NewUser: Codable, Sendable, Hashable {
    /// The user.
    public var user: User
    /// Their bearer token (64 hex digits).
    public var token: String

    /// Creates the pair.
    public init(user: User, token: String) {
        self.user = user
        self.token = token
    }
}

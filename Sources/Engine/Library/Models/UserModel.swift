import FluentKit
import Foundation
import Model

/// A row of `users`: a server's user and the SHA-256 of their token.
final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "credits") var credits: Int
    @Field(key: "is_admin") var isAdmin: Bool
    @Field(key: "created_at") var createdAt: Double

    init() {}

    /// The shared description of this user.
    func user() -> User {
        User(id: id ?? UUID(), name: name, credits: credits, isAdmin: isAdmin,
             createdAt: Date(timeIntervalSince1970: createdAt))
    }
}

import Foundation

/// Who is acting: the one shape in which the library is told the acting user, for every
/// check of ownership and every charge. Built from a signed-in `User` at the edges (the
/// server's authentication, the local app's local user, a CLI command).
public struct Principal: Sendable, Hashable {
    /// The acting user's id.
    public var id: UUID
    /// Whether they administer the server (sees and may act on everyone's things).
    public var isAdmin: Bool

    /// The principal of the user with `id`.
    public init(id: UUID, isAdmin: Bool = false) {
        self.id = id
        self.isAdmin = isAdmin
    }

    /// `user` acting.
    public init(_ user: User) {
        self.init(id: user.id, isAdmin: user.isAdmin)
    }
}

extension User {
    /// This user as the one acting.
    public var principal: Principal { Principal(self) }
}

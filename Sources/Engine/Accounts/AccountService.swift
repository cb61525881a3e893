import FluentKit
import Foundation
import Media
import Model
import SQLKit

/// Users, their bearer tokens and credits (over `CreditLedger`): accounts made by an
/// administrator, the embedded library's local user, and who a token belongs to.
public struct AccountService: Sendable {
    let parts: LibraryParts

    var db: any Database { parts.db }
    var configuration: EngineConfiguration { parts.configuration }

    /// The most credits one call may add.
    public static let maxCreditGrant = 1_000_000

    /// Creates a user and returns them with their bearer token, which is shown this once: only
    /// its SHA-256 is stored. Names are 1–64 letters, digits, `.`, `-` and `_`, unique.
    public func createUser(name: String, credits: Int = 0, isAdmin: Bool = false) async throws -> NewUser {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard (1...64).contains(name.count),
              name.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) })
        else {
            throw SampleTokError.invalid("A user name is 1 to 64 letters, digits, '.', '-' or '_'.")
        }
        guard (0...Self.maxCreditGrant).contains(credits) else {
            throw SampleTokError.invalid("Credits must be between 0 and \(Self.maxCreditGrant).")
        }
        if try await UserModel.query(on: db).filter(\.$name == name).first() != nil {
            throw SampleTokError(.userExists, "A user named '\(name)' already exists.")
        }
        let token = Self.makeToken()
        let model = UserModel()
        model.id = UUID()
        model.name = name
        model.tokenHash = try Self.tokenHash(token)
        model.credits = 0 // the opening entry sets the balance
        model.isAdmin = isAdmin
        model.createdAt = Date().timeIntervalSince1970
        do {
            try await db.transaction { db in
                try await model.create(on: db)
                if credits > 0, let id = model.id {
                    let entry = try await CreditLedger(on: db).credit(user: id, amount: credits, reason: .accountOpen, reference: nil)
                    model.credits = entry.balanceAfter
                }
            }
        } catch {
            if try await UserModel.query(on: db).filter(\.$name == name).first() != nil {
                throw SampleTokError(.userExists, "A user named '\(name)' already exists.")
            }
            throw error
        }
        return NewUser(user: model.user(), token: token)
    }

    /// Adds `amount` credits (1 to `maxCreditGrant`) to the user called `name`; returns the user.
    public func addCredits(name: String, amount: Int) async throws -> User {
        guard (1...Self.maxCreditGrant).contains(amount) else {
            throw SampleTokError.invalid("Credits to add must be between 1 and \(Self.maxCreditGrant).")
        }
        guard let model = try await UserModel.query(on: db).filter(\.$name == name).first(), let id = model.id else {
            throw SampleTokError.userNotFound(name)
        }
        _ = try await db.transaction { db in
            try await CreditLedger(on: db).credit(user: id, amount: amount, reason: .adminGrant, reference: nil)
        }
        guard let updated = try await UserModel.find(id, on: db) else { throw SampleTokError.userNotFound(name) }
        return updated.user()
    }

    /// The user with their balance and latest ledger entries (`GET /me`, `sampletok me`).
    public func account(as principal: Principal) async throws -> Account {
        let user = principal.id
        guard let model = try await UserModel.find(user, on: db) else { throw SampleTokError.userNotFound(user.uuidString) }
        return Account(user: model.user(), ledger: try await CreditLedger(on: db).entries(of: user))
    }

    /// Every user, by name.
    public func users() async throws -> [User] {
        try await UserModel.query(on: db).sort(\.$name).all().map { $0.user() }
    }

    /// The user called `name`.
    public func user(named name: String) async throws -> User {
        guard let model = try await UserModel.query(on: db).filter(\.$name == name).first() else {
            throw SampleTokError.userNotFound(name)
        }
        return model.user()
    }

    /// The name of the user of an embedded library.
    public static let localUserName = "local"

    /// The principal of the user of an embedded library (`localUser()`): read with one plain
    /// statement once the user exists (an embedded client asks for it on every call, e.g. the
    /// stem jobs of each sample a list shows).
    public func localPrincipal() async throws -> Principal {
        let row = try await parts.database.sql.raw("SELECT id, is_admin FROM users WHERE name = \(bind: Self.localUserName) LIMIT 1").first()
        if let row { return Principal(id: try row.decode(column: "id", as: UUID.self), isAdmin: try row.decode(column: "is_admin", as: Bool.self)) }
        return Principal(try await localUser())
    }

    /// The user of an embedded library (`local`), created on first use with
    /// `configuration.localCredits`. Its token is never shown: it signs in to no server.
    public func localUser() async throws -> User {
        if let model = try await UserModel.query(on: db).filter(\.$name == Self.localUserName).first() { return model.user() }
        do {
            return try await createUser(name: Self.localUserName, credits: configuration.localCredits).user
        } catch let error as SampleTokError where error.has(.userExists) {
            return try await user(named: Self.localUserName)
        }
    }

    /// The user a bearer token belongs to, or nil for an unknown token. The lookup is by the
    /// token's SHA-256, so the time it takes says nothing about the stored tokens.
    public func authenticate(token: String) async throws -> User? {
        let token = token.trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty, token.utf8.count <= 256 else { return nil }
        return try await UserModel.query(on: db).filter(\.$tokenHash == Self.tokenHash(token)).first()?.user()
    }

    /// 32 random bytes from the system's secure generator, as 64 hex digits.
    static func makeToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }

    /// The stored form of a token: its SHA-256 in hex.
    static func tokenHash(_ token: String) throws -> String {
        do { return try FileHasher.sha256(bytes: Array(token.utf8)) } catch { throw SampleTokError(error) }
    }
}

extension SampleTokError {
    /// No user has that name.
    public static func userNotFound(_ name: String) -> SampleTokError {
        SampleTokError(.userNotFound, "No user named '\(name)'.")
    }
}

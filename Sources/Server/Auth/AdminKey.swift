import Engine
import HTTPTypes
import Hummingbird
import Media

/// Checks `X-Admin-Key` against the configured admin key in constant time: both sides are hashed
/// first, so neither the key's length nor where it differs shows in the time taken.
struct AdminKey {
    let expected: String?

    /// The header that carries the key.
    static let header = HTTPField.Name("X-Admin-Key")!

    /// Throws 503 when no key is configured, 401 without the header, 403 for a wrong key.
    func check(_ request: Request) throws {
        guard let expected else {
            throw APIError(.serverAdminDisabled, "The admin API is disabled: set SECRET_KEY on the server to enable it.")
        }
        guard let given = request.headers[Self.header], !given.isEmpty else {
            throw APIError(.authAdminKeyMissing, "This route needs the X-Admin-Key header.")
        }
        guard Self.constantTimeEqual(given, expected) else {
            throw APIError(.authAdminKeyInvalid, "The admin key is not valid.")
        }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        guard let x = try? FileHasher.sha256(bytes: Array(a.utf8)), let y = try? FileHasher.sha256(bytes: Array(b.utf8)) else {
            return false
        }
        var difference: UInt8 = 0
        for (p, q) in zip(x.utf8, y.utf8) { difference |= p ^ q }
        return difference == 0 && x.utf8.count == y.utf8.count
    }
}

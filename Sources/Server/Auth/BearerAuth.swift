import Engine
import Hummingbird
import Model

/// Finds the user of a request from `Authorization: Bearer <token>`.
struct BearerAuth {
    let library: Library

    /// The user, or 401 (`auth.missing_token`, `auth.invalid_token`) with `WWW-Authenticate`.
    func user(_ request: Request) async throws -> User {
        let challenge: HTTPFields = [.wwwAuthenticate: "Bearer"]
        guard let header = request.headers[.authorization], !header.isEmpty else {
            throw APIError(.authMissingToken, "This route needs `Authorization: Bearer <token>`.", headers: challenge)
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer",
              let user = try await library.accounts.authenticate(token: String(parts[1]))
        else {
            throw APIError(.authInvalidToken, "The bearer token is not valid.", headers: challenge)
        }
        return user
    }

    /// The user when the request carries a token, nil when it carries none; a token that is not
    /// valid is still 401 (`auth.invalid_token`).
    func optionalUser(_ request: Request) async throws -> User? {
        guard let header = request.headers[.authorization], !header.isEmpty else { return nil }
        return try await user(request)
    }
}

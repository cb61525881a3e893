import Engine
import Hummingbird
import Model

/// The body of `POST /api/v1/admin/users`.
struct CreateUserRequest: Decodable {
    var name: String
    var credits: Int?
    var isAdmin: Bool?

    enum CodingKeys: String, CodingKey {
        case name, credits
        case isAdmin = "is_admin"
    }
}

/// The body of `POST /api/v1/admin/add-credits`.
struct AddCreditsRequest: Decodable {
    var name: String
    var credits: Int
}

extension APIServer {
    /// The admin routes (`X-Admin-Key`): `POST users {name, credits?, is_admin?}` → 201
    /// `{user, token}`; `POST add-credits {name, credits}` → the user.
    func addAdminRoutes(to admin: RouterGroup<APIContext>) {
        admin.post("users") { request, _ -> Response in
            try adminKey.check(request)
            let wanted = try await body.decode(CreateUserRequest.self, from: request)
            let created = try await library.accounts.createUser(name: wanted.name, credits: wanted.credits ?? 0, isAdmin: wanted.isAdmin ?? false)
            return try JSONResponse.make(created, status: .created)
        }

        admin.post("add-credits") { request, _ -> Response in
            try adminKey.check(request)
            let wanted = try await body.decode(AddCreditsRequest.self, from: request)
            return try JSONResponse.make(try await library.accounts.addCredits(name: wanted.name, amount: wanted.credits))
        }
    }
}

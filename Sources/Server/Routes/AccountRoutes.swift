import Engine
import Hummingbird
import Model

extension APIServer {
    /// `GET /api/v1/me` (user): the user, their credit balance and latest ledger entries.
    func addAccountRoutes(to api: RouterGroup<APIContext>) {
        api.get("me") { request, _ -> Response in
            try JSONResponse.make(try await library.accounts.account(as: try await auth.user(request).principal))
        }
    }
}

import Hummingbird
import Model

extension APIServer {
    /// `GET /api/v1/me` (user): the user and their credit balance.
    func addAccountRoutes(to api: RouterGroup<APIContext>) {
        api.get("me") { request, _ -> Response in
            try JSONResponse.make(try await auth.user(request))
        }
    }
}

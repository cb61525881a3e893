import Engine
import HTTPTypes
import Hummingbird

/// Answers every request with `X-Request-Id`: the id its log lines carry (`hb.request.id`), so a
/// user's report can be matched with the server's log.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = APIContext

    static let header = HTTPField.Name("X-Request-Id")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[Self.header] = context.id
        return response
    }
}

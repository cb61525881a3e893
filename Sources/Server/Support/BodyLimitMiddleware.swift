import Engine
import Hummingbird

/// Refuses a request whose declared `Content-Length` is over the limit with 413 before any
/// route reads it (routes that read a body also stop at the limit while reading).
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let maxBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBytes {
            throw APIError(.requestTooLarge, "The request body is larger than \(maxBytes) bytes.")
        }
        return try await next(request, context)
    }
}

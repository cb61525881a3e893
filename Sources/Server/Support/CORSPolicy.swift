import Engine
import HTTPTypes
import Hummingbird

/// Cross-origin access for the browsers of `BACKEND_CORS_ORIGINS`: a preflight from one of them
/// gets 204 with the allowed methods and headers; their other requests get
/// `Access-Control-Allow-Origin`. Other origins get no CORS header (the browser then refuses).
struct CORSPolicy: RouterMiddleware {
    typealias Context = APIContext
    /// The allowed origins, e.g. `https://app.example.com`; `*` allows every origin.
    let origins: [String]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin], origins.contains(origin) || origins.contains("*") else {
            return try await next(request, context)
        }
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            var headers = allowHeaders(origin)
            headers[.accessControlAllowMethods] = "GET, HEAD, POST, OPTIONS"
            headers[.accessControlAllowHeaders] = "Authorization, Content-Type, Last-Event-ID, X-Admin-Key, Range, If-None-Match"
            headers[.accessControlMaxAge] = "600"
            return Response(status: .noContent, headers: headers)
        }
        var response = try await next(request, context)
        for field in allowHeaders(origin) { response.headers[field.name] = field.value }
        return response
    }

    private func allowHeaders(_ origin: String) -> HTTPFields {
        [.accessControlAllowOrigin: origins.contains("*") ? "*" : origin, .vary: "Origin",
         .accessControlExposeHeaders: "Content-Length, Content-Range, ETag, Retry-After, X-Request-Id"]
    }
}

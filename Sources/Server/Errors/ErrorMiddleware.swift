import Engine
import Hummingbird
import Logging
import Model

/// Turns every error a route throws (and Hummingbird's own: no route, body too large) into the
/// API's JSON error body with its status. Unexpected errors are logged and answered with a
/// plain 500 that reveals nothing.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = APIContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let failure = Self.apiError(for: error)
            if failure.status == .internalServerError {
                context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            }
            return JSONResponse.error(failure)
        }
    }

    /// The API error for anything thrown.
    /// `library.busy` (another process held the SQLite library too long) is a 503 with `Retry-After`.
    static func apiError(for error: any Error) -> APIError {
        if let known = SampleTokError.library(error) {
            guard known.has(.libraryBusy) else { return APIError(known) }
            return APIError(.libraryBusy, known.message, headers: [.retryAfter: "1"])
        }
        switch error {
        case let error as APIError:
            return error
        case let error as HTTPError:
            let (code, message) = Self.describe(error.status)
            return APIError(error.status, code, error.body ?? message, headers: error.headers)
        case let error as any HTTPResponseError:
            let (code, message) = Self.describe(error.status)
            return APIError(error.status, code, message)
        default:
            return APIError(.serverInternal, "The server failed to answer this request.")
        }
    }

    private static func describe(_ status: HTTPResponse.Status) -> (String, String) {
        switch status.code {
        case 404: return ("route.not_found", "No such route.")
        case 405: return ("route.method_not_allowed", "This route does not take that method.")
        case 413: return ("request.too_large", "The request body is too large.")
        case 400: return ("request.invalid", "The request is malformed.")
        default: return ("http.\(status.code)", status.reasonPhrase)
        }
    }
}

import Engine
import HTTPTypes
import Hummingbird
import Model

/// Answers 405 `route.method_not_allowed` with `Allow` for a path the API has routes for, asked
/// with a method none of them takes (TRACE, PUT, …); other unknown paths stay 404.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = APIContext

    /// The routes, filled in once the router has them all.
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = routes.methods(for: request.uri.path)
            guard !allowed.isEmpty, !allowed.contains(request.method) else { throw error }
            var names = allowed.map(\.rawValue)
            if names.contains("GET"), !names.contains("HEAD") { names.append("HEAD") }
            throw APIError(.routeMethodNotAllowed, "\(request.uri.path) does not take \(request.method.rawValue); it takes \(names.sorted().joined(separator: ", ")).",
                           headers: [.allow: names.sorted().joined(separator: ", ")])
        }
    }
}

/// The paths and methods of a router's routes (`{id}` and `*` match one segment, `**` the rest).
final class RouteTable: Sendable {
    private let entries = Locked([(segments: [String], method: HTTPRequest.Method)]())

    /// Records the routes of `router`.
    func record(_ router: Router<APIContext>) {
        let routes = router.routes.map { route in
            (segments: route.path.description.split(separator: "/").map(String.init), method: route.method)
        }
        entries.withLock { $0 = routes }
    }

    /// The methods of the routes whose path matches `path`.
    func methods(for path: String) -> Set<HTTPRequest.Method> {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        return Set(entries.withLock { $0 }.filter { Self.matches($0.segments, parts) }.map(\.method))
    }

    static func matches(_ pattern: [String], _ parts: [String]) -> Bool {
        for (index, element) in pattern.enumerated() {
            if element == "**" { return index < parts.count }
            guard index < parts.count else { return false }
            if element == "*" || (element.hasPrefix("{") && element.hasSuffix("}")) { continue }
            if element != parts[index] { return false }
        }
        return pattern.count == parts.count
    }
}

import Engine
import HTTPTypes
import Hummingbird
import Net

/// Names the client of a request that came through a trusted reverse proxy: the rightmost
/// address of `X-Forwarded-For` that is not itself a trusted proxy. From any other peer the
/// header is ignored (a client could write anything there), so per-address limits hold.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = APIContext

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// The proxies whose header is believed.
    let trustedProxies: [IPNetwork]

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        guard let peer = context.remoteAddress, isTrusted(peer) else { return try await next(request, context) }
        let hops = request.headers[values: Self.forwardedFor].flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        var client = peer
        for hop in hops.reversed() {
            guard IPAddress(hop) != nil else { break }  // not an address: stop at the last proxy that wrote one
            client = hop
            if !isTrusted(hop) { break }
        }
        var context = context
        context.clientAddress = client
        return try await next(request, context)
    }

    private func isTrusted(_ text: String) -> Bool {
        guard let address = IPAddress(text) else { return false }
        return trustedProxies.contains { $0.contains(address) }
    }
}

import Engine
import Foundation
import Hummingbird

/// The request context of the HTTP API.
public struct APIContext: RequestContext {
    /// Hummingbird's per-request storage (parameters, logger, endpoint).
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address (nil when unknown, as in in-process tests).
    public let remoteAddress: String?
    /// The client's IP address, for per-address rate limits: the peer, or the address a trusted
    /// proxy names in `X-Forwarded-For` (set by `ClientAddressMiddleware`).
    public var clientAddress: String?

    /// Creates the context of one request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
        clientAddress = remoteAddress
    }

    /// The rate-limit keys of a request by `user`: the user and the client's address.
    func rateKeys(user: UUID) -> [String] {
        ["user:\(user.uuidString)", "ip:\(clientAddress ?? "unknown")"]
    }
}

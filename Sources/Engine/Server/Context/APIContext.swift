import Foundation
import Hummingbird

/// The request context of the HTTP API.
public struct APIContext: RequestContext {
    /// Hummingbird's per-request storage (parameters, logger, endpoint).
    public var coreContext: CoreRequestContextStorage
    /// The client's IP address, for per-address rate limits (nil when unknown, as in tests).
    public let remoteAddress: String?

    /// Creates the context of one request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The rate-limit keys of a request by `user`: the user and the address.
    func rateKeys(user: UUID) -> [String] {
        ["user:\(user.uuidString)", "ip:\(remoteAddress ?? "unknown")"]
    }
}

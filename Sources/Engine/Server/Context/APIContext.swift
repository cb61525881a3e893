import Hummingbird

/// The request context of the HTTP API.
public struct APIContext: RequestContext {
    /// Hummingbird's per-request storage (parameters, logger, endpoint).
    public var coreContext: CoreRequestContextStorage

    /// Creates the context of one request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}

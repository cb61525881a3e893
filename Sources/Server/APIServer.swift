import Engine
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import Model
import NIOCore
import ServiceLifecycle
import UnixSignals

/// The HTTP API (`/api/v1`, docs/server.md) over a `Library`: the router (also used in-process by the tests)
/// and `run`, which serves it with the pipeline workers until SIGINT or SIGTERM.
///
/// Routes are grouped by concern in `Routes/`, each an extension adding its routes to a router
/// group; errors become `{"error": {"code", "message"}}` in `ErrorMiddleware`.
public struct APIServer: Sendable {
    /// The library served.
    public let library: Library
    /// How it is served.
    public let configuration: ServerConfiguration
    /// Ends event streams when shutdown begins.
    public let shutdown: ShutdownSignal
    /// The submission limit (per user and per address).
    let submitLimiter: RateLimiter
    /// The download limit (per user and per address).
    let downloadLimiter: RateLimiter
    /// The stem request limit (per user and per address).
    let stemLimiter: RateLimiter
    /// The stem download limit (per user and per address).
    let stemDownloadLimiter: RateLimiter
    /// The transfers of paid files each user has in progress (`MAX_CONCURRENT_DOWNLOADS_PER_USER`).
    let downloadSlots: ConcurrencyLimiter
    /// Signs and checks the links to paid files.
    let fileLinks: FileLinkSigner
    /// Encoded pages of the sample list, current while the library's stamp is unchanged.
    let listCache: ResponseCache<SampleListKey>
    /// Small stored files, answered from memory while unchanged.
    let fileCache: FileCache
    /// The connections each client address holds open.
    let connections: ConnectionRegistry

    /// A server for `library`. Its library should refuse local files (`allowLocalFiles = false`).
    public init(library: Library, configuration: ServerConfiguration, shutdown: ShutdownSignal = ShutdownSignal()) {
        self.library = library
        self.configuration = configuration
        self.shutdown = shutdown
        submitLimiter = RateLimiter(perMinute: configuration.submitsPerMinute)
        downloadLimiter = RateLimiter(perMinute: configuration.downloadsPerMinute)
        stemLimiter = RateLimiter(perMinute: configuration.stemRequestsPerMinute)
        stemDownloadLimiter = RateLimiter(perMinute: configuration.stemDownloadsPerMinute)
        downloadSlots = ConcurrencyLimiter(limit: configuration.maxConcurrentDownloadsPerUser)
        fileLinks = FileLinkSigner(secret: configuration.fileLinkSecret, lifetime: configuration.fileLinkLifetime)
        listCache = ResponseCache(capacity: configuration.listCacheEntries)
        fileCache = FileCache(capacityBytes: configuration.fileCacheBytes)
        connections = ConnectionRegistry(maxPerAddress: configuration.maxConnectionsPerAddress,
                                         exempt: configuration.trustedProxies)
    }

    var auth: BearerAuth { BearerAuth(library: library) }
    var adminKey: AdminKey { AdminKey(expected: configuration.adminKey) }
    var body: JSONBody { JSONBody(maxBytes: configuration.maxBodyBytes) }

    /// The router with every route and the error and body-limit middleware.
    public func router() -> Router<APIContext> {
        let router = Router(context: APIContext.self, options: [.autoGenerateHeadEndpoints])
        router.add(middleware: RequestIDMiddleware())
        if !configuration.trustedProxies.isEmpty {
            router.add(middleware: ClientAddressMiddleware(trustedProxies: configuration.trustedProxies))
        }
        router.add(middleware: MetricsMiddleware(metrics: library.metrics))
        // CORS outside the error middleware, so error responses carry its headers too.
        if !configuration.corsOrigins.isEmpty { router.add(middleware: CORSPolicy(origins: configuration.corsOrigins)) }
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: BodyLimitMiddleware(maxBytes: configuration.maxBodyBytes))
        let routes = RouteTable()
        router.add(middleware: MethodNotAllowedMiddleware(routes: routes))
        addHealthRoutes(to: router)
        addMetricsRoutes(to: router)
        addFileRoutes(to: router)
        let api = router.group("api/v1")
        addDocsRoutes(to: api)
        addSubmitRoutes(to: api)
        addSampleRoutes(to: api)
        addEventRoutes(to: api)
        addJobRoutes(to: api)
        addStemRoutes(to: api)
        addAccountRoutes(to: api)
        addInstagramWebhookRoutes(to: api)
        addCollectionRoutes(to: api)
        addCrateRoutes(to: api)
        let admin = api.group("admin")
        addAdminRoutes(to: admin)
        addCollectionAdminRoutes(to: admin)
        routes.record(router)
        return router
    }

    /// The Hummingbird application for this server (without the workers).
    public func application(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        var logger = Logger(label: "sampletok.server")
        logger.logLevel = Logger.Level(rawValue: ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "") ?? .notice
        let (connections, headerTimeout) = (self.connections, TimeAmount(configuration.headerTimeout))
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: [ConnectionGuard(headerTimeout: headerTimeout, registry: connections)],
            idleTimeout: TimeAmount(configuration.idleTimeout))
        return Application(router: router(), server: .http1(configuration: http1),
                           configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                                serverName: "sampletok"),
                           onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
                           logger: logger)
    }

    /// Serves the API with `workers` pipeline workers until SIGINT or SIGTERM, then shuts down
    /// gracefully: event streams end, the server stops accepting and finishes its requests, the
    /// workers finish or hand back their jobs. `onServerRunning` gets the bound port.
    public func run(workers: Int, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        var logger = Logger(label: "sampletok.serve")
        logger.logLevel = .notice
        let services: [any Service] = [
            WorkerService(library: library, workers: workers, drainTimeout: configuration.drainTimeout),
            application(onServerRunning: onServerRunning),
            shutdown,
        ]
        var groupConfiguration = ServiceGroupConfiguration(
            services: services.map { .init(service: $0, successTerminationBehavior: .gracefullyShutdownGroup) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        // The backstop of the grace: whatever has not finished by then (a slow client's download,
        // say) is cancelled, and the exit status says so. Never under 2 s: a grace of 0 means
        // "no drain", not "cancel the listener before it can close".
        groupConfiguration.maximumGracefulShutdownDuration = max(configuration.shutdownGrace, .seconds(2))
        let group = ServiceGroup(configuration: groupConfiguration)
        try await group.run()
    }
}

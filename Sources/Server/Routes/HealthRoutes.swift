import Engine
import Foundation
import Hummingbird

/// `GET /health`.
struct HealthStatus: Codable, Sendable {
    var status: String
    var database: String
    var storage: String
}

extension APIServer {
    /// `GET /health`: 200 when the database answers and the blob folder is writable (or the
    /// bucket answers), else 503.
    func addHealthRoutes(to router: Router<APIContext>) {
        router.get("health") { _, _ -> Response in
            let database = await library.databaseIsReachable()
            let storage = await library.storage.isReachable()
            let status = HealthStatus(status: database && storage ? "ok" : "unavailable",
                                      database: database ? "ok" : "unreachable", storage: storage ? "ok" : "unwritable")
            return try JSONResponse.make(status, status: database && storage ? .ok : .serviceUnavailable)
        }
    }
}

import Engine
import Hummingbird

extension APIServer {
    /// `GET /metrics`: the Prometheus text format. The jobs gauge is read from the database now,
    /// so it counts the jobs of every process sharing the library.
    func addMetricsRoutes(to router: Router<APIContext>) {
        router.get("metrics") { _, _ -> Response in
            let metrics = library.metrics
            metrics.recordJobs(try await library.jobs.counts())
            let text = metrics.exposition()
            return Response(status: .ok,
                            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-cache"],
                            body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }
}

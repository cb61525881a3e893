import CoreMetrics
import Foundation
import Model
import Prometheus

/// The metrics of one library's process, recorded through swift-metrics into a Prometheus
/// registry of its own (no global bootstrap, so servers in one process stay apart) and read as
/// the Prometheus text format by `GET /metrics`.
///
/// | name | type | labels |
/// |---|---|---|
/// | `sampletok_http_requests_total` | counter | `route` (the pattern, e.g. `/api/v1/samples/:id`), `method`, `status` |
/// | `sampletok_http_request_duration_seconds` | histogram | the same |
/// | `sampletok_pipeline_step_duration_seconds` | histogram | `step` |
/// | `sampletok_jobs` | gauge, read from the database at scrape time | `state` |
public final class EngineMetrics: Sendable {
    /// Requests answered.
    static let requests = "sampletok_http_requests_total"
    /// Time from a request's arrival to the end of its response body.
    static let requestDuration = "sampletok_http_request_duration_seconds"
    /// How long each pipeline step took when it ran (steps resumed from a checkpoint are not run).
    static let stepDuration = "sampletok_pipeline_step_duration_seconds"
    /// Jobs in each state.
    static let jobs = "sampletok_jobs"

    /// The registry every metric lives in.
    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory

    /// Creates empty metrics.
    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = [
            Self.requestDuration: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10]
                .map { Duration.microseconds(Int64($0 * 1_000_000)) },
            Self.stepDuration: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300].map { Duration.milliseconds(Int64($0 * 1000)) },
        ]
        self.factory = factory
    }

    /// Counts one answered request and its duration.
    public func recordRequest(route: String, method: String, status: Int, nanoseconds: UInt64) {
        let labels = [("route", route), ("method", method), ("status", String(status))]
        Counter(label: Self.requests, dimensions: labels, factory: factory).increment()
        Timer(label: Self.requestDuration, dimensions: labels, factory: factory).recordNanoseconds(Int64(clamping: nanoseconds))
    }

    /// Records how long a pipeline step took.
    func recordStep(_ step: String, seconds: Double) {
        Timer(label: Self.stepDuration, dimensions: [("step", step)], factory: factory).recordSeconds(max(0, seconds))
    }

    /// Sets the jobs gauge: every state, zero for those with no job.
    public func recordJobs(_ counts: [JobStatus: Int]) {
        for state in JobStatus.allCases {
            Gauge(label: Self.jobs, dimensions: [("state", state.rawValue)], factory: factory).record(counts[state] ?? 0)
        }
    }

    /// Everything in the Prometheus text format (version 0.0.4).
    public func exposition() -> String {
        registry.emitToString()
    }
}

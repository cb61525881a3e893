import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The samples of a Prometheus text exposition: `name{labels}` → value.
struct PrometheusText {
    let samples: [String: Double]

    init(_ text: String) {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            samples[String(line[..<space])] = value
        }
        self.samples = samples
    }

    /// The value of `name` with exactly these labels, in the order the server writes them.
    func value(_ name: String, _ labels: KeyValuePairs<String, String> = [:]) -> Double? {
        let rendered = labels.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ",")
        return samples[labels.isEmpty ? name : "\(name){\(rendered)}"]
    }
}

@Suite("GET /metrics")
struct MetricsTests {
    @Test("counts requests by route pattern and status, times the pipeline's steps and gives jobs by state")
    func metricsAfterRequestsAndAJob() async throws {
        let f = try await ServerFixture()
        let sample = try await f.completedSample()
        _ = try await f.library.library.samples.submit("http://example.com/never-run.wav")
        try await f.test { client in
            for _ in 0..<3 { try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) } }
            try await client.execute(uri: "/api/v1/samples/\(sample.id.uuidString)", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/samples/\(UUID().uuidString)", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/me", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/no/such/route", method: .get) { #expect($0.status == .notFound) }

            let text = try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                return response.text
            }
            let metrics = PrometheusText(text)
            let requests = "sampletok_http_requests_total"
            #expect(metrics.value(requests, ["route": "/health", "method": "GET", "status": "200"]) == 3)
            #expect(metrics.value(requests, ["route": "/api/v1/samples/{id}", "method": "GET", "status": "200"]) == 1)
            #expect(metrics.value(requests, ["route": "/api/v1/samples/{id}", "method": "GET", "status": "404"]) == 1)
            #expect(metrics.value(requests, ["route": "/api/v1/me", "method": "GET", "status": "401"]) == 1)
            #expect(metrics.value(requests, ["route": "unmatched", "method": "GET", "status": "404"]) == 1)
            // Routes, never raw paths: no sample id and no unknown path becomes a label.
            #expect(!text.contains(sample.id.uuidString))
            #expect(!text.contains("/no/such/route"))
            #expect(metrics.value("sampletok_http_request_duration_seconds_count",
                                  ["route": "/health", "method": "GET", "status": "200"]) == 3)

            for step in ["resolve", "download", "process", "store", "save"] {
                #expect(metrics.value("sampletok_pipeline_step_duration_seconds_count", ["step": step]) == 1, "\(step)")
            }
            let processSeconds = metrics.value("sampletok_pipeline_step_duration_seconds_sum", ["step": "process"]) ?? 0
            #expect(processSeconds > 0)

            #expect(metrics.value("sampletok_jobs", ["state": "done"]) == 1)
            #expect(metrics.value("sampletok_jobs", ["state": "queued"]) == 1)
            #expect(metrics.value("sampletok_jobs", ["state": "failed"]) == 0)
        }
    }
}

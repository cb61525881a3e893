import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Model
import Server
import TestSupport
import Testing

@Suite("OpenAPI document")
struct OpenAPITests {
    /// `/api/v1/samples/{id}` and `/files/**` (Hummingbird's catch-all) both as `/…/{}`.
    private static func shape(_ path: String) -> String {
        path.split(separator: "/").map { $0.hasPrefix("{") || $0 == "**" ? "{}" : String($0) }.joined(separator: "/")
    }

    @Test("assets/openapi.yaml parses, and every route registered on the router is in it")
    func everyRouteIsDocumented() async throws {
        _ = try OpenAPIFixture.document.get()
        let paths = try #require(OpenAPIFixture.root["paths"] as? [String: Any])
        #expect(OpenAPIFixture.root["openapi"] as? String == "3.1.0")
        var documented: Set<String> = []
        for (path, item) in paths {
            for method in (item as? [String: Any] ?? [:]).keys where ["get", "head", "post", "put", "patch", "delete"].contains(method) {
                documented.insert("\(method.uppercased()) \(Self.shape(path))")
            }
        }
        let t = try await TestLibrary()
        let routes = APIServer(library: t.library, configuration: ServerConfiguration(environment: [:])).router().routes
        // The enumeration sees the routes (a sample's, and the catch-all of files).
        #expect(routes.contains { $0.method == .get && $0.path.description == "/api/v1/samples/{id}" })
        #expect(routes.contains { $0.method == .get && $0.path.description == "/files/**" })
        for route in routes {
            let key = "\(route.method.rawValue) \(Self.shape(route.path.description))"
            #expect(documented.contains(key), "\(route) is registered but not in assets/openapi.yaml")
        }
    }

    @Test("/api/v1/openapi.json serves the document as JSON; /api/v1/docs is a page with every operation")
    func servesDocumentAndPage() async throws {
        let f = try await ServerFixture()
        let document = try OpenAPIFixture.document.get()
        try await f.test { client in
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Data(response.body.readableBytesView) == document.json)
                let json = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                #expect((json?["paths"] as? [String: Any])?["/api/v1/samples/{id}"] != nil)
            }
            try await client.execute(uri: "/api/v1/docs", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                let page = response.text
                #expect(page.hasPrefix("<!doctype html>"))
                #expect(!page.contains("<script"))
                let paths = OpenAPIFixture.root["paths"] as? [String: Any] ?? [:]
                for path in paths.keys { #expect(page.contains("<code>\(path)</code>"), "\(path)") }
                // Parameters, error codes and schemas are on the page.
                for text in ["<code>bpm_min</code>", "<code>sample.not_found</code>", "<code>rate.limited</code>", "id=\"schema-Sample\""] {
                    #expect(page.contains(text), "\(text)")
                }
            }
        }
    }

    @Test("without the document both routes answer 503 server.docs_unavailable")
    func withoutDocument() async throws {
        let t = try await TestLibrary()
        let app = Application(router: APIServer(library: t.library, configuration: ServerConfiguration(environment: [:])).router())
        try await app.test(.router) { client in
            let client = ConformingClient(client)
            for uri in ["/api/v1/openapi.json", "/api/v1/docs"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .serviceUnavailable)
                    #expect(response.errorCode == "server.docs_unavailable")
                }
            }
        }
    }

    @Test("a YAML file that is not an OpenAPI document is refused with a code")
    func refusesBadDocuments() {
        for text in ["openapi: [", "just: text", "- a\n- b"] {
            #expect(throws: SampleTokError.self, "\(text)") { try OpenAPIDocument(yaml: text) }
        }
    }

    @Test("the checker reports bodies that depart from a schema, and responses of the wrong route")
    func checkerFindsDepartures() async throws {
        let f = try await ServerFixture()
        let sample = try await f.completedSample()
        let checker = OpenAPIFixture.conformance.checker
        let app = Application(router: f.server.router())
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/api/v1/samples/\(sample.id.uuidString)", method: .get)
            let schema: [String: Any] = ["$ref": "#/components/schemas/Sample"]
            let good = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
            let problems = checker.problems(good, schema)
            #expect(problems.isEmpty, "\(problems)")
            let conformance = OpenAPIFixture.conformance
            #expect(conformance.problems(method: .get, uri: "/api/v1/samples/\(sample.id.uuidString)", response: response).isEmpty)

            func changed(_ change: (inout [String: Any]) -> Void) -> [String] {
                var copy = good
                change(&copy)
                return checker.problems(copy, schema)
            }
            #expect(changed { $0["id"] = nil }.contains { $0.contains("'id' is missing") })
            #expect(changed { $0["status"] = "done" }.contains { $0.contains("not one of") })
            #expect(changed { $0["download_count"] = "1" }.contains { $0.contains("is not integer") })
            #expect(changed { $0["download_count"] = 1.5 }.contains { $0.contains("is not integer") })
            #expect(changed { $0["created_at"] = "yesterday" }.contains { $0.contains("ISO-8601") })
            #expect(changed { $0["surprise"] = true }.contains { $0.contains("'surprise' is not in the schema") })
            #expect(changed { $0["analysis"] = ["bpm": 90] }.contains { $0.contains("$.analysis: the required field 'key' is missing") })
            #expect(changed { value in
                var files = value["files"] as? [String: Any] ?? [:]
                files["wav"] = ["key": "a", "bytes": -1, "content_type": "audio/wav"]
                value["files"] = files
            }.contains { $0.contains("$.files.wav.bytes") })

            // A 200 that is not the operation's schema, and a status the operation does not list.
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(!conformance.problems(method: .get, uri: "/api/v1/me", response: health).isEmpty)
            #expect(conformance.problems(method: .get, uri: "/metrics", response: health)
                .contains { $0.contains("content type 'application/json' is not documented") })
            let missing = try await client.execute(uri: "/api/v1/samples/\(UUID().uuidString)", method: .get)
            #expect(conformance.problems(method: .get, uri: "/api/v1/samples", response: missing)
                .contains { $0.contains("status 404 is not documented") })
            #expect(conformance.problems(method: .delete, uri: "/api/v1/samples", response: missing)
                .contains { $0.contains("DELETE is not documented") })
        }
    }
}

import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Testing

/// `assets/openapi.yaml`, parsed once for the tests.
enum OpenAPIFixture {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../assets/openapi.yaml").standardizedFileURL

    /// The document as the server serves it, or nil (with the reason) when it does not load.
    static let document: Result<OpenAPIDocument, Error> = Result { try OpenAPIDocument(contentsOf: url) }

    /// The document's checker, over its parsed JSON.
    static let conformance: OpenAPIConformance = {
        guard case .success(let document) = document,
              let object = try? JSONSerialization.jsonObject(with: document.json) as? [String: Any] else { return OpenAPIConformance(root: [:]) }
        return OpenAPIConformance(root: object)
    }()

    /// The parsed JSON of the document.
    static var root: [String: Any] { conformance.root }
}

/// Checks responses against the OpenAPI document: the route and method are documented, the
/// status is one of the operation's responses, the content type is one it lists, and a JSON
/// body (or each `data:` line of an event stream) fits the schema. (Unchecked Sendable: it
/// only reads the immutable JSON it was given.)
struct OpenAPIConformance: @unchecked Sendable {
    let root: [String: Any]
    var checker: JSONSchemaChecker { JSONSchemaChecker(document: root) }

    /// Every way the response to `method uri` departs from the document (empty: it conforms).
    func problems(method: HTTPRequest.Method, uri: String, response: TestResponse) -> [String] {
        // CORS preflights are answered on any path before routing (the document's info says so).
        if method == .options { return [] }
        let path = String(uri.split(separator: "?", maxSplits: 1).first ?? "")
        let label = "\(method) \(uri.prefix(120)) → \(response.status.code)"
        guard let (template, item) = pathItem(for: path) else {
            // Unknown routes: a 404 with the not-found error body.
            guard response.status == .notFound else { return ["\(label): no documented route, yet not 404"] }
            return checkBody(response, ["application/json": ["schema": ["$ref": "#/components/schemas/ErrorNotFound"]]], label)
        }
        let name = method.rawValue.lowercased()
        // Every GET also answers HEAD with GET's status and headers (and no body).
        guard let operation = (item[name] ?? (method == .head ? item["get"] : nil)) as? [String: Any] else {
            return ["\(label): \(method) is not documented for \(template)"]
        }
        let responses = operation["responses"] as? [String: Any] ?? [:]
        guard let documented = checker.dereference(responses[String(response.status.code)] ?? responses["default"]) else {
            return ["\(label): status \(response.status.code) is not documented for \(method) \(template) (documented: \(responses.keys.sorted()))"]
        }
        if method == .head { return response.body.readableBytes == 0 ? [] : ["\(label): a HEAD response has a body"] }
        guard let content = documented["content"] as? [String: Any] else {
            return response.body.readableBytes == 0 ? [] : ["\(label): the document gives this response no body, yet it has one"]
        }
        return checkBody(response, content, label)
    }

    private func checkBody(_ response: TestResponse, _ content: [String: Any], _ label: String) -> [String] {
        let type = response.headers[.contentType]?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard let media = (content[type] ?? content["*/*"]) as? [String: Any] else {
            return ["\(label): content type '\(type)' is not documented (documented: \(content.keys.sorted()))"]
        }
        let body = Data(response.body.readableBytesView)
        if type == "application/json" {
            guard let value = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else {
                return ["\(label): the body is not JSON"]
            }
            return checker.problems(value, media["schema"] as Any).map { "\(label): \($0)" }
        }
        if type == "text/event-stream", let eventSchema = media["x-event-data"] {
            let lines = String(decoding: body, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("data: ") }
            return lines.flatMap { line -> [String] in
                guard let value = try? JSONSerialization.jsonObject(with: Data(line.dropFirst(6).utf8)) else {
                    return ["\(label): an event's data is not JSON"]
                }
                return checker.problems(value, eventSchema).map { "\(label): event \($0)" }
            }
        }
        return []
    }

    /// The documented path that `path` falls under: literal segments equal, `{name}` any one
    /// segment, and a last parameter marked `x-catch-all` the rest of the path.
    private func pathItem(for path: String) -> (String, [String: Any])? {
        let segments = path.split(separator: "/").map(String.init)
        let paths = root["paths"] as? [String: Any] ?? [:]
        for (template, value) in paths {
            guard let item = value as? [String: Any] else { continue }
            let parts = template.split(separator: "/").map(String.init)
            let catchAll = (item["parameters"] as? [[String: Any]] ?? []).contains { $0["x-catch-all"] as? Bool == true }
            guard parts.count == segments.count || (catchAll && segments.count > parts.count) else { continue }
            let fits = zip(parts, segments).allSatisfy { part, segment in part.hasPrefix("{") || part == segment }
            if fits { return (template, item) }
        }
        return nil
    }
}

/// A test client that checks every response it gets against the OpenAPI document and records
/// each departure as a test issue, so every router test is also a conformance test.
struct ConformingClient: TestClientProtocol {
    let client: any TestClientProtocol
    let conformance: OpenAPIConformance

    /// Wraps `client`, checking against `assets/openapi.yaml`.
    init(_ client: any TestClientProtocol, conformance: OpenAPIConformance = OpenAPIFixture.conformance) {
        self.client = client
        self.conformance = conformance
    }

    var port: Int? { client.port }

    func executeRequest(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
        let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: body)
        for problem in conformance.problems(method: method, uri: uri, response: response) {
            Issue.record("OpenAPI: \(problem)")
        }
        return response
    }
}

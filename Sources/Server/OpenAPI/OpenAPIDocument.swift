import Engine
import Foundation
import Model
import Yams

/// The API's OpenAPI 3.1 document (`assets/openapi.yaml`), read once at start-up: served as
/// JSON at `/api/v1/openapi.json` and as a page at `/api/v1/docs`.
public struct OpenAPIDocument: Sendable {
    /// The document as JSON (keys sorted, so the same YAML always gives the same bytes).
    public let json: Data
    /// The readable page of the document.
    public let html: String

    /// Parses the YAML text of an OpenAPI document.
    public init(yaml: String) throws(SampleTokError) {
        let loaded: Any?
        do {
            loaded = try Yams.load(yaml: yaml)
        } catch {
            throw SampleTokError(.openapiInvalid, "The OpenAPI document is not valid YAML: \(error)")
        }
        guard let root = Self.jsonValue(loaded) as? [String: Any], root["openapi"] is String, root["paths"] is [String: Any] else {
            throw SampleTokError(.openapiInvalid, "The OpenAPI document needs `openapi` and `paths` at its top.")
        }
        do {
            json = try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .withoutEscapingSlashes])
        } catch {
            throw SampleTokError(.openapiInvalid, "The OpenAPI document cannot be written as JSON: \(error)")
        }
        html = OpenAPIPage(document: root).render()
    }

    /// Reads and parses the document at `url`.
    public init(contentsOf url: URL) throws(SampleTokError) {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw SampleTokError(.openapiUnreadable, "Cannot read the OpenAPI document \(url.path).")
        }
        try self.init(yaml: text)
    }

    /// YAML's values as JSON's: mapping keys become strings (`200:` is the key "200").
    private static func jsonValue(_ value: Any?) -> Any {
        switch value {
        case let mapping as [AnyHashable: Any]:
            var object: [String: Any] = [:]
            for (key, item) in mapping { object["\(key.base)"] = jsonValue(item) }
            return object
        case let sequence as [Any]:
            return sequence.map { jsonValue($0) }
        case let value?:
            return value
        case nil:
            return NSNull()
        }
    }
}

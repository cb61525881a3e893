import Engine
import Foundation

/// Renders an OpenAPI document (as parsed JSON) into one self-contained HTML page: every
/// operation by tag with its auth, parameters, body and responses (with the error codes each
/// status can carry), then every schema with its fields. No scripts, no external files.
struct OpenAPIPage {
    let document: [String: Any]

    private static let methods = ["get", "head", "post", "put", "patch", "delete"]

    func render() -> String {
        let info = document["info"] as? [String: Any] ?? [:]
        let title = info["title"] as? String ?? "API"
        var html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>
            body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
            code{font:13px ui-monospace,monospace;background:#f3f3f3;padding:0 .2em;border-radius:3px}
            table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
            th{background:#fafafa}.op{border-top:1px solid #ccc;padding-top:.5rem;margin-top:1.5rem}
            .method{display:inline-block;min-width:3.5rem;font-weight:700;text-transform:uppercase}.auth{color:#8a4b00}
            </style></head><body>
            <h1>\(escape(title)) <small>\(escape(info["version"] as? String ?? ""))</small></h1>
            \(paragraphs(info["description"] as? String))
            <p>The machine-readable document: <a href="openapi.json"><code>/api/v1/openapi.json</code></a>.</p>

            """
        html += "<nav><h2>Routes</h2><ul>\n"
        for (method, path, operation) in operations() {
            html += "<li><a href=\"#\(anchor(method, path))\"><span class=\"method\">\(method)</span> <code>\(escape(path))</code></a> — \(inline(operation["summary"] as? String ?? ""))</li>\n"
        }
        html += "</ul></nav>\n"
        for (method, path, operation) in operations() {
            html += renderOperation(method, path, operation)
        }
        html += "<h2>Schemas</h2>\n"
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
        for name in schemas.keys.sorted() {
            html += "<h3 id=\"schema-\(escape(name))\">\(escape(name))</h3>\n" + renderSchema(schemas[name] as? [String: Any] ?? [:])
        }
        return html + "</body></html>\n"
    }

    /// Every operation: by the order of the document's tags, then by path and method.
    private func operations() -> [(String, String, [String: Any])] {
        let paths = document["paths"] as? [String: Any] ?? [:]
        let tagOrder = (document["tags"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        var all: [(String, String, [String: Any])] = []
        for path in paths.keys.sorted() {
            let item = paths[path] as? [String: Any] ?? [:]
            for method in Self.methods {
                guard var operation = item[method] as? [String: Any] else { continue }
                operation["parameters"] = (item["parameters"] as? [Any] ?? []) + (operation["parameters"] as? [Any] ?? [])
                all.append((method.uppercased(), path, operation))
            }
        }
        func rank(_ operation: [String: Any]) -> Int {
            (operation["tags"] as? [String])?.first.flatMap { tagOrder.firstIndex(of: $0) } ?? tagOrder.count
        }
        return all.enumerated().sorted { (rank($0.element.2), $0.offset) < (rank($1.element.2), $1.offset) }.map(\.element)
    }

    private func renderOperation(_ method: String, _ path: String, _ operation: [String: Any]) -> String {
        var html = "<section class=\"op\" id=\"\(anchor(method, path))\"><h3><span class=\"method\">\(method)</span> <code>\(escape(path))</code></h3>\n"
        html += "<p><strong>\(inline(operation["summary"] as? String ?? ""))</strong></p>\n" + paragraphs(operation["description"] as? String)
        let security = (operation["security"] as? [[String: Any]] ?? []).flatMap(\.keys)
        html += "<p class=\"auth\">Auth: \(security.isEmpty ? "none" : security.map { $0 == "bearerAuth" ? "<code>Authorization: Bearer &lt;token&gt;</code>" : $0 == "adminKey" ? "<code>X-Admin-Key</code>" : escape($0) }.joined(separator: ", "))</p>\n"
        let parameters = (operation["parameters"] as? [Any] ?? []).compactMap { resolve($0) }
        if !parameters.isEmpty {
            html += "<table><tr><th>parameter</th><th>in</th><th>type</th><th>description</th></tr>\n"
            for parameter in parameters {
                let required = parameter["required"] as? Bool == true ? " (required)" : ""
                html += "<tr><td><code>\(escape(parameter["name"] as? String ?? ""))</code>\(required)</td><td>\(escape(parameter["in"] as? String ?? ""))</td>"
                html += "<td>\(typeText(parameter["schema"]))</td><td>\(inline(parameter["description"] as? String ?? ""))</td></tr>\n"
            }
            html += "</table>\n"
        }
        if let body = resolve(operation["requestBody"] as Any), let content = body["content"] as? [String: Any] {
            for (type, media) in content.sorted(by: { $0.key < $1.key }) {
                html += "<p>Body (<code>\(escape(type))</code>): \(typeText((media as? [String: Any])?["schema"]))</p>\n"
            }
        }
        html += "<table><tr><th>status</th><th>response</th><th>body</th></tr>\n"
        let responses = operation["responses"] as? [String: Any] ?? [:]
        for status in responses.keys.sorted() {
            guard let response = resolve(responses[status] as Any) else { continue }
            var body = ""
            for (type, media) in (response["content"] as? [String: Any] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let schema = (media as? [String: Any])?["schema"]
                let codes = errorCodes(schema)
                body += "<code>\(escape(type))</code> \(typeText(schema))"
                if !codes.isEmpty { body += "<br>codes: " + codes.map { "<code>\(escape($0))</code>" }.joined(separator: ", ") }
            }
            html += "<tr><td>\(escape(status))</td><td>\(inline(response["description"] as? String ?? ""))</td><td>\(body)</td></tr>\n"
        }
        return html + "</table></section>\n"
    }

    private func renderSchema(_ schema: [String: Any]) -> String {
        var html = paragraphs(schema["description"] as? String)
        let parts = [schema] + (schema["allOf"] as? [Any] ?? []).compactMap { resolve($0) }
        let required = Set(parts.flatMap { $0["required"] as? [String] ?? [] })
        let properties = parts.reduce(into: [String: Any]()) { all, part in
            for (name, value) in part["properties"] as? [String: Any] ?? [:] where all[name] == nil { all[name] = value }
        }
        if let reference = (schema["allOf"] as? [[String: Any]])?.first?["$ref"] as? String {
            html += "<p>A \(link(reference)) with: \(errorCodes(schema).map { "<code>\(escape($0))</code>" }.joined(separator: ", "))</p>\n"
            return html
        }
        guard !properties.isEmpty else { return html + "<p>\(typeText(schema))</p>\n" }
        html += "<table><tr><th>field</th><th>type</th><th>description</th></tr>\n"
        for name in properties.keys.sorted() {
            let property = properties[name] as? [String: Any] ?? [:]
            html += "<tr><td><code>\(escape(name))</code>\(required.contains(name) ? " (required)" : "")</td><td>\(typeText(property))</td>"
            html += "<td>\(inline(property["description"] as? String ?? ""))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    /// A short description of a schema's type: a link for a reference, `array of …`, enums.
    private func typeText(_ schema: Any?) -> String {
        guard let schema = schema as? [String: Any] else { return "" }
        if let reference = schema["$ref"] as? String { return link(reference) }
        if schema["type"] as? String == "array" { return "array of " + typeText(schema["items"]) }
        var text = (schema["type"] as? [String])?.joined(separator: " or ") ?? schema["type"] as? String ?? "any"
        if let format = schema["format"] as? String { text += " (\(format))" }
        text = escape(text)
        if let values = schema["enum"] as? [Any] {
            text += ": " + values.map { $0 is NSNull ? "null" : "<code>\(escape("\($0)"))</code>" }.joined(separator: ", ")
        }
        if let low = schema["minimum"], let high = schema["maximum"] { text += " \(low)–\(high)" }
        return text
    }

    /// The error codes an error schema allows (the `enum` of `error.code` in its `allOf`).
    private func errorCodes(_ schema: Any?) -> [String] {
        guard let schema = resolve(schema as Any) else { return [] }
        return (schema["allOf"] as? [Any] ?? []).compactMap { resolve($0) }.flatMap { part -> [String] in
            let error = (part["properties"] as? [String: Any])?["error"] as? [String: Any]
            let code = (error?["properties"] as? [String: Any])?["code"] as? [String: Any]
            return code?["enum"] as? [String] ?? []
        }
    }

    /// Follows a local `$ref` (`#/components/…`) to what it names.
    private func resolve(_ value: Any) -> [String: Any]? {
        guard let object = value as? [String: Any] else { return nil }
        guard let reference = object["$ref"] as? String, reference.hasPrefix("#/") else { return object }
        var node: Any = document
        for part in reference.dropFirst(2).split(separator: "/") {
            guard let next = (node as? [String: Any])?[String(part)] else { return nil }
            node = next
        }
        return node as? [String: Any]
    }

    private func link(_ reference: String) -> String {
        let name = reference.split(separator: "/").last.map(String.init) ?? reference
        return reference.hasPrefix("#/components/schemas/") ? "<a href=\"#schema-\(escape(name))\">\(escape(name))</a>" : escape(name)
    }

    private func anchor(_ method: String, _ path: String) -> String {
        escape(method.lowercased() + path.map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined())
    }

    private func paragraphs(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "" }
        return text.components(separatedBy: "\n\n").map { "<p>\(inline($0))</p>\n" }.joined()
    }

    /// Escaped text with `code` spans.
    private func inline(_ text: String) -> String {
        escape(text).split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .map { $0.offset % 2 == 1 ? "<code>\($0.element)</code>" : String($0.element) }.joined()
    }

    private func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

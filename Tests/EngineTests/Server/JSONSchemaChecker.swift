import Foundation

/// A small checker for the JSON Schema subset the OpenAPI document uses: `$ref` (local),
/// `type` (one or a list, `null` included), `enum`, `required`, `properties`,
/// `additionalProperties: false`, `items`, `allOf`, `oneOf`, `minimum`/`maximum`,
/// `minLength`/`maxLength`, `pattern`, and the formats `uuid` and `date-time`.
/// (Unchecked Sendable: it only reads the immutable JSON it was given.)
struct JSONSchemaChecker: @unchecked Sendable {
    /// The whole document, for `$ref`s.
    let document: [String: Any]

    /// Every way `value` breaks `schema`, each with the JSON path where it happens (empty: it fits).
    func problems(_ value: Any, _ schema: Any, at path: String = "$") -> [String] {
        guard var schema = schema as? [String: Any] else { return [] }
        if let reference = schema["$ref"] as? String {
            guard let target = resolve(reference) else { return ["\(path): unresolvable $ref \(reference)"] }
            schema = target
        }
        var found: [String] = []
        if let types = (schema["type"] as? [String]) ?? (schema["type"] as? String).map({ [$0] }),
           !types.contains(where: { Self.fits(value, type: $0) }) {
            return ["\(path): \(Self.describe(value)) is not \(types.joined(separator: " or "))"]
        }
        if let values = schema["enum"] as? [Any], !values.contains(where: { Self.equal($0, value) }) {
            found.append("\(path): \(Self.describe(value)) is not one of \(values.map(Self.describe))")
        }
        if let object = value as? [String: Any] {
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                found.append("\(path): the required field '\(name)' is missing")
            }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (name, item) in object {
                if let property = properties[name] {
                    found += problems(item, property, at: "\(path).\(name)")
                } else if schema["additionalProperties"] as? Bool == false {
                    found.append("\(path): the field '\(name)' is not in the schema")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] {
            for (index, item) in array.enumerated() { found += problems(item, items, at: "\(path)[\(index)]") }
        }
        for part in schema["allOf"] as? [Any] ?? [] { found += problems(value, part, at: path) }
        if let options = schema["oneOf"] as? [Any] {
            let fitting = options.filter { problems(value, $0, at: path).isEmpty }.count
            if fitting != 1 { found.append("\(path): fits \(fitting) of the oneOf schemas, not exactly one") }
        }
        if let number = Self.number(value) {
            if let minimum = schema["minimum"].flatMap(Self.number), number < minimum { found.append("\(path): \(number) < \(minimum)") }
            if let maximum = schema["maximum"].flatMap(Self.number), number > maximum { found.append("\(path): \(number) > \(maximum)") }
        }
        if let text = value as? String {
            if let low = schema["minLength"] as? Int, text.count < low { found.append("\(path): shorter than \(low)") }
            if let high = schema["maxLength"] as? Int, text.count > high { found.append("\(path): longer than \(high)") }
            if let pattern = schema["pattern"] as? String, text.range(of: pattern, options: .regularExpression) == nil {
                found.append("\(path): '\(text.prefix(80))' does not match \(pattern)")
            }
            switch schema["format"] as? String {
            case "uuid" where UUID(uuidString: text) == nil:
                found.append("\(path): '\(text.prefix(80))' is not a UUID")
            case "date-time" where ISO8601DateFormatter().date(from: text) == nil:
                found.append("\(path): '\(text.prefix(80))' is not an ISO-8601 date-time")
            default:
                break
            }
        }
        return found
    }

    /// What a local reference (`#/components/schemas/Sample`) names.
    func resolve(_ reference: String) -> [String: Any]? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: Any = document
        for part in reference.dropFirst(2).split(separator: "/") {
            guard let next = (node as? [String: Any])?[String(part)] else { return nil }
            node = next
        }
        return node as? [String: Any]
    }

    /// Follows one `$ref`, if the object is one.
    func dereference(_ value: Any?) -> [String: Any]? {
        guard let object = value as? [String: Any] else { return nil }
        if let reference = object["$ref"] as? String { return resolve(reference) }
        return object
    }

    /// JSONSerialization gives booleans as NSNumbers of the C type `c` (its numbers are never that).
    private static func isBool(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    private static func number(_ value: Any) -> Double? {
        guard !isBool(value), let number = value as? NSNumber else { return nil }
        return number.doubleValue
    }

    private static func fits(_ value: Any, type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "boolean": return isBool(value)
        case "integer": return number(value).map { $0.rounded() == $0 } ?? false
        case "number": return number(value) != nil
        case "string": return value is String
        case "array": return value is [Any]
        case "object": return value is [String: Any]
        default: return false
        }
    }

    private static func equal(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case (is NSNull, is NSNull): return true
        case (let x as String, let y as String): return x == y
        case (let x as NSNumber, let y as NSNumber): return x == y && isBool(x) == isBool(y)
        default: return false
        }
    }

    private static func describe(_ value: Any) -> String {
        switch value {
        case is NSNull: return "null"
        case let text as String: return "\"\(text.prefix(80))\""
        case is [Any]: return "an array"
        case is [String: Any]: return "an object"
        default: return "\(value)"
        }
    }
}

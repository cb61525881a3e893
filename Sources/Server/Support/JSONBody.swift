import Engine
import Foundation
import Hummingbird
import NIOCore

/// Reads a request's JSON body: at most the configured size (413 beyond), well-formed JSON (400
/// otherwise), with the fields and types the route expects (422 otherwise).
struct JSONBody {
    let maxBytes: Int

    /// The body's bytes as they came (413 beyond the size).
    func raw(from request: Request) async throws -> Data {
        var request = request
        do {
            return Data(try await request.collectBody(upTo: maxBytes).readableBytesView)
        } catch is NIOTooManyBytesError {
            throw APIError(.requestTooLarge, "The request body is larger than \(maxBytes) bytes.")
        }
    }

    func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        let data = try await raw(from: request)
        guard !data.isEmpty else { throw APIError(.requestMalformedJSON, "The request needs a JSON body.") }
        guard (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil else {
            throw APIError(.requestMalformedJSON, "The request body is not valid JSON.")
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw APIError.unprocessable("The field '\(Self.path(context.codingPath + [key]))' is required.")
        } catch let DecodingError.typeMismatch(expected, context) {
            throw APIError.unprocessable("The field '\(Self.path(context.codingPath))' must be \(Self.describe(expected)).")
        } catch let DecodingError.valueNotFound(expected, context) {
            throw APIError.unprocessable("The field '\(Self.path(context.codingPath))' must be \(Self.describe(expected)), not null.")
        } catch let DecodingError.dataCorrupted(context) {
            throw APIError.unprocessable("The field '\(Self.path(context.codingPath))' is invalid: \(context.debugDescription)")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "(body)" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default: return "an object"
        }
    }
}

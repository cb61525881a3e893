import Foundation
import Hummingbird
import Model

/// JSON responses in the API's encoding: the Model types' own (snake_case) keys, ISO-8601 dates.
enum JSONResponse {
    /// The encoder of every response body.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }

    /// `value` as a JSON response.
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        let data = try encoder().encode(value)
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        fields[.contentLength] = String(data.count)
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The error body of `error`, with its status and headers.
    static func error(_ error: APIError) -> Response {
        let data = (try? encoder().encode(ErrorBody(error.error))) ?? Data(#"{"error":{"code":"server.internal","message":""}}"#.utf8)
        var fields = error.headers
        fields[.contentType] = "application/json; charset=utf-8"
        fields[.contentLength] = String(data.count)
        return Response(status: error.status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

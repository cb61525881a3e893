import Engine
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
        make(body: try encode(value), status: status, headers: headers)
    }

    /// `value` encoded as a response body.
    static func encode(_ value: some Encodable) throws -> ByteBuffer {
        ByteBuffer(bytes: try encoder().encode(value))
    }

    /// A JSON response of an encoded body.
    static func make(body: ByteBuffer, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        fields[.contentLength] = String(body.readableBytes)
        return Response(status: status, headers: fields, body: .init(byteBuffer: body))
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

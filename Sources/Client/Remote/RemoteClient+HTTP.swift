import Foundation
import Model
import Net

extension RemoteClient {
    /// The time an API call may take.
    static let callTimeout: Duration = .seconds(30)

    /// `GET path?parameters`, decoded.
    func get<T: Decodable>(_ path: String, _ parameters: [(String, String)] = []) async throws -> T {
        try decode(try await send(.get, path + Self.queryString(parameters)))
    }

    /// Sends a request to the API (with the token, when there is one); returns any status.
    func send(_ method: HTTPMethod, _ path: String, body: Data? = nil) async throws -> HTTPResponse {
        var headers: HTTPHeaders = ["Accept": "application/json"]
        if let token { headers.add("Authorization", "Bearer \(token)") }
        if body != nil { headers.add("Content-Type", "application/json") }
        let request = HTTPRequest(url: baseURL + path, method: method, headers: headers, body: body ?? Data(),
                                  timeout: Self.callTimeout, connectTimeout: .seconds(5))
        do {
            return try await http.send(request)
        } catch {
            throw translate(error)
        }
    }

    /// A 2xx response's body as `T`; any other status as the server's error.
    func decode<T: Decodable>(_ response: HTTPResponse) throws -> T {
        guard response.isSuccess else { throw serverError(response) }
        do {
            return try Self.decoder.decode(T.self, from: response.body)
        } catch {
            throw SampleTokError(.remoteBadResponse, "The server at \(baseURL) answered something that is not SampleTok's JSON (\(Self.describe(error))). Is it a SampleTok server of this version?")
        }
    }

    /// The error of a non-2xx response: the API's `{"error": {code, message}}`, or
    /// `remote.bad_response` naming the status when the body is not one.
    func serverError(_ response: HTTPResponse) -> SampleTokError {
        if let body = try? Self.decoder.decode(ErrorBody.self, from: response.body) { return body.error }
        return SampleTokError(.remoteBadResponse, "The server at \(baseURL) answered HTTP \(response.status) without a SampleTok error. Is \(baseURL) a SampleTok server?")
    }

    /// A transport failure as the error a user sees.
    func translate(_ error: any Error) -> any Error {
        guard let error = error as? NetError else { return error }
        switch error.code {
        case ErrorCode.fetchUnreachable:
            return SampleTokError(.remoteUnreachable, "Cannot reach the SampleTok server at \(baseURL). Is it running (`sampletok --serve`) and is the address right?")
        case ErrorCode.fetchTimeout:
            return SampleTokError(.remoteTimeout, "The SampleTok server at \(baseURL) did not answer in time. Try again later.")
        default:
            return SampleTokError(code: error.code, message: error.message)
        }
    }

    /// The API's dates are ISO 8601.
    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// A request body in the API's JSON.
    static func encode(_ value: some Encodable) throws -> Data {
        try JSONEncoder().encode(value)
    }

    /// `?a=1&b=2`, each value percent-encoded (empty for no parameters).
    static func queryString(_ parameters: [(String, String)]) -> String {
        guard !parameters.isEmpty else { return "" }
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#?/")
        return "?" + parameters.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }

    /// A decoding error in a few words.
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "no '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "a wrong value at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not JSON" : "a bad value at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        default: return "\(error)"
        }
    }
}

import Foundation

/// What a server answered: the final response after any redirects.
public struct HTTPResponse: Sendable {
    /// The status code, e.g. 200 or 404.
    public var status: Int
    /// The response's header fields (case-insensitive lookup, repeated fields kept).
    public var headers: HTTPHeaders
    /// The body for `send`; empty for `download` (the body is in the file) and `stream` (it went to the callback).
    public var body: Data
    /// The URL that answered, after redirects.
    public var url: String
    /// Body bytes received (decoded, if compressed).
    public var receivedBytes: Int64

    /// Creates a response.
    public init(status: Int, headers: HTTPHeaders, body: Data, url: String, receivedBytes: Int64) {
        self.status = status
        self.headers = headers
        self.body = body
        self.url = url
        self.receivedBytes = receivedBytes
    }

    /// The `Content-Type` header, or nil.
    public var contentType: String? { headers["Content-Type"] }

    /// The `Content-Type` without parameters, lower-cased (`text/html` for `text/html; charset=utf-8`).
    public var mimeType: String? {
        contentType.map { $0.split(separator: ";", maxSplits: 1).first.map(String.init) ?? $0 }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }

    /// The `Content-Length` header as a number, or nil.
    public var contentLength: Int64? {
        headers["Content-Length"].flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The body as UTF-8 text (invalid bytes replaced).
    public var text: String { String(decoding: body, as: UTF8.self) }
}

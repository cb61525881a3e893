import Foundation

/// A response whose head has arrived and whose body is still arriving (``HTTPClient/openStream(_:)``).
public struct HTTPStreamResponse: Sendable {
    /// Status, headers and final URL; its `body` is empty.
    public let head: HTTPResponse
    /// The body, chunk by chunk as it arrives. Iterate it once.
    public let body: HTTPBodyStream

    /// Aborts the transfer if it is still running (the body then ends with `fetch.cancelled`).
    public func cancel() { body.cancel() }
}

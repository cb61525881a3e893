import Foundation

/// A response whose head has arrived and whose body is still arriving (``HTTPClient/openStream(_:)``).
public struct HTTPStreamResponse: Sendable {
    /// Status, headers and final URL; its `body` is empty.
    public let head: HTTPResponse
    /// The body, chunk by chunk as it arrives; ends when the response does, throws a ``NetError``
    /// if the transfer fails. Stopping the iteration (or dropping the stream) aborts the transfer.
    public let body: AsyncThrowingStream<Data, Error>
}

import Foundation

/// The body of a streamed response as an asynchronous sequence of chunks.
///
/// It ends when the response does and throws a ``NetError`` if the transfer fails. Leaving the
/// iteration early (`break`, an error, a cancelled task) aborts the transfer, as does ``cancel()``.
/// Iterate it once.
public struct HTTPBodyStream: AsyncSequence, Sendable {
    /// A chunk of body bytes.
    public typealias Element = Data

    private let chunks: AsyncThrowingStream<Data, Error>
    private let abort: @Sendable () -> Void

    init(chunks: AsyncThrowingStream<Data, Error>, abort: @escaping @Sendable () -> Void) {
        self.chunks = chunks
        self.abort = abort
    }

    /// Aborts the transfer if it is still running.
    public func cancel() { abort() }

    /// Starts the iteration.
    public func makeAsyncIterator() -> Iterator {
        Iterator(base: chunks.makeAsyncIterator(), token: AbortToken(abort))
    }

    /// Reads the chunks; when it goes away before the body ended, the transfer is aborted.
    public struct Iterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<Data, Error>.Iterator
        let token: AbortToken

        /// The next chunk, or nil at the end of the body.
        public mutating func next() async throws -> Data? {
            try await base.next()
        }
    }

    /// Calls its action when released (after the body ended the action is a no-op).
    final class AbortToken: Sendable {
        private let action: @Sendable () -> Void
        init(_ action: @escaping @Sendable () -> Void) { self.action = action }
        deinit { action() }
    }
}

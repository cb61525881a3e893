import Foundation

/// Bytes that arrive in pieces — an HLS init segment and then its media segments — for
/// `AudioDecoder(stream:name:)`. Called on the decoding thread only.
public protocol ByteSource: AnyObject {
    /// The next piece of the stream, blocking until it is there; nil at the end.
    /// A thrown error ends the decode with `media.unreadable` and its description.
    func nextChunk() throws -> Data?
}

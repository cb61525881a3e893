import Foundation

/// What to play: a sample's HLS playlist, or (for samples without HLS) its MP3. URLs may be
/// `file:` (the local library) or `http(s):` (a server).
public enum PlaybackItem: Sendable, Hashable {
    /// An HLS VOD playlist of fragmented-MP4 AAC segments.
    case hls(URL)
    /// A whole audio file (the MP3 fallback).
    case file(URL)
}

import Foundation

/// Where a sample's audio can be read, for playback and downloads.
public struct SampleMedia: Sendable, Hashable {
    /// The HLS VOD playlist, when the sample has one.
    public var hls: URL?
    /// Its first media segment, to prefetch before play.
    public var hlsFirstSegment: URL?
    /// The MP3 (the playback fallback when there is no HLS).
    public var mp3: URL?
    /// The WAV.
    public var wav: URL?

    /// Creates a set of locations.
    public init(hls: URL? = nil, hlsFirstSegment: URL? = nil, mp3: URL? = nil, wav: URL? = nil) {
        self.hls = hls
        self.hlsFirstSegment = hlsFirstSegment
        self.mp3 = mp3
        self.wav = wav
    }
}

import Foundation
import Media

/// The bytes of an HLS stream from one segment on: the init section, then each media segment,
/// fetched (and the next ones prefetched) as the decoder asks for them.
final class SegmentStream: ByteSource {
    private let fetcher: SegmentFetcher
    private var urls: [URL]
    private let lookahead: Int
    /// Seconds spent waiting for fetches so far (the player's first-audio breakdown).
    private(set) var fetchSeconds = 0.0

    init(playlist: HLSPlaylist, from index: Int, fetcher: SegmentFetcher, lookahead: Int = 2) {
        self.fetcher = fetcher
        self.lookahead = lookahead
        urls = (playlist.initSection.map { [$0] } ?? []) + playlist.segments[index...].map(\.url)
    }

    func nextChunk() throws -> Data? {
        guard !urls.isEmpty else { return nil }
        let url = urls.removeFirst()
        for next in urls.prefix(lookahead) { fetcher.prefetch(next) }
        let began = ProcessInfo.processInfo.systemUptime
        defer { fetchSeconds += ProcessInfo.processInfo.systemUptime - began }
        return try fetcher.data(url)
    }
}

/// A whole file as one piece (the MP3 fallback).
final class WholeFile: ByteSource {
    private var url: URL?
    private let fetcher: SegmentFetcher

    init(_ url: URL, fetcher: SegmentFetcher) {
        self.url = url
        self.fetcher = fetcher
    }

    func nextChunk() throws -> Data? {
        guard let url else { return nil }
        self.url = nil
        return try fetcher.data(url)
    }
}

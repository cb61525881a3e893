import Foundation

/// A media playlist (RFC 8216 §4.3): the init section, the segments with their durations,
/// and whether it is complete. Only what a VOD audio player needs is kept.
public struct HLSPlaylist: Sendable, Equatable {
    /// One media segment.
    public struct Segment: Sendable, Equatable {
        /// Its URL, resolved against the playlist's.
        public var url: URL
        /// Its duration in seconds (`#EXTINF`).
        public var duration: Double
        /// When it starts, in seconds from the beginning of the stream.
        public var start: Double
    }

    /// The init segment (`#EXT-X-MAP`), for fragmented MP4.
    public var initSection: URL?
    /// The media segments in order.
    public var segments: [Segment]
    /// `#EXT-X-TARGETDURATION`.
    public var targetDuration: Double
    /// Whether `#EXT-X-ENDLIST` was present (a complete VOD playlist).
    public var isComplete: Bool

    /// The sum of the segment durations.
    public var duration: Double { segments.last.map { $0.start + $0.duration } ?? 0 }

    /// The index of the segment that holds `time` (clamped to the playlist).
    public func segmentIndex(at time: Double) -> Int {
        guard !segments.isEmpty else { return 0 }
        return segments.lastIndex { $0.start <= max(0, time) } ?? 0
    }

    /// Parses a playlist's text; relative URIs are resolved against `base`.
    public init(parsing text: String, base: URL) throws(PlaybackError) {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard lines.first == "#EXTM3U" else { throw .badPlaylist("it does not start with #EXTM3U") }
        var segments: [Segment] = []
        var initSection: URL?
        var target = 0.0
        var complete = false
        var pending: Double?
        var start = 0.0
        for line in lines.dropFirst() where !line.isEmpty {
            if line.hasPrefix("#EXTINF:") {
                let value = line.dropFirst(8).split(separator: ",", maxSplits: 1).first.map(String.init) ?? ""
                guard let duration = Double(value), duration >= 0 else { throw .badPlaylist("bad #EXTINF '\(line)'") }
                pending = duration
            } else if line.hasPrefix("#EXT-X-TARGETDURATION:") {
                target = Double(line.dropFirst(22)) ?? 0
            } else if line == "#EXT-X-ENDLIST" {
                complete = true
            } else if line.hasPrefix("#EXT-X-MAP:") {
                guard let uri = Self.attribute("URI", in: String(line.dropFirst(11))),
                      let url = URL(string: uri, relativeTo: base)?.absoluteURL else { throw .badPlaylist("bad #EXT-X-MAP") }
                initSection = url
            } else if line.hasPrefix("#") {
                continue
            } else {
                guard let duration = pending else { throw .badPlaylist("segment '\(line)' has no #EXTINF") }
                guard let url = URL(string: line, relativeTo: base)?.absoluteURL else { throw .badPlaylist("bad segment URI '\(line)'") }
                segments.append(Segment(url: url, duration: duration, start: start))
                start += duration
                pending = nil
            }
        }
        guard !segments.isEmpty else { throw .badPlaylist("it lists no segment") }
        self.initSection = initSection
        self.segments = segments
        self.targetDuration = target
        self.isComplete = complete
    }

    /// The value of `name` in an attribute list (`URI="init.mp4",BYTERANGE=…`).
    static func attribute(_ name: String, in list: String) -> String? {
        guard let range = list.range(of: "\(name)=") else { return nil }
        let rest = list[range.upperBound...]
        if rest.hasPrefix("\"") {
            return rest.dropFirst().split(separator: "\"", maxSplits: 1).first.map(String.init)
        }
        return rest.split(separator: ",", maxSplits: 1).first.map(String.init)
    }
}

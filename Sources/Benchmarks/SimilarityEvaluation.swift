import Analysis
import Engine
import Foundation
import Media
import Model

/// How useful the similarity search is on labelled clips: precision at k, the share of each
/// clip's k nearest neighbours (by an aspect, among the labelled clips) that have its label.
public enum SimilarityEvaluation {
    /// A clip's descriptor and its label.
    public struct Labelled: Sendable {
        /// The descriptor.
        public var descriptor: SoundDescriptor
        /// What a neighbour should share with it (an instrument, a chord quality, a style).
        public var label: String

        /// Creates one.
        public init(descriptor: SoundDescriptor, label: String) {
            self.descriptor = descriptor
            self.label = label
        }
    }

    /// Mean precision at `k` by `aspect`, and the best any ranking could reach (a label with
    /// fewer than k other members caps it).
    public static func precision(at k: Int, _ clips: [Labelled], aspect: SimilarityAspect) -> (precision: Double, ceiling: Double) {
        precision(at: k, clips, query: SimilarityQuery(aspect: aspect, limit: k))
    }

    /// Mean precision at `k` comparing `query.groups`, and its ceiling.
    public static func precision(at k: Int, _ clips: [Labelled], query: SimilarityQuery) -> (precision: Double, ceiling: Double) {
        let ids = clips.map { _ in UUID() }
        let index = SimilarityIndex(zip(ids, clips).map { SimilarityIndex.Entry(id: $0, bpm: nil, camelot: nil, descriptor: $1.descriptor) })
        let labels = Dictionary(uniqueKeysWithValues: zip(ids, clips.map(\.label)))
        var total = 0.0, ceiling = 0.0
        for (id, clip) in zip(ids, clips) {
            var query = query
            query.limit = k
            let found = index.neighbours(of: id, query) ?? []
            total += Double(found.filter { labels[$0.id] == clip.label }.count) / Double(k)
            let others = clips.filter { $0.label == clip.label }.count - 1
            ceiling += Double(min(k, others)) / Double(k)
        }
        let n = Double(max(1, clips.count))
        return (total / n, ceiling / n)
    }

    /// The descriptor of mono audio at 48 kHz, from a fresh analysis pass.
    public static func descriptor(ofMono audio: [Float]) throws -> SoundDescriptor? {
        let sink = try AnalysisSink()
        var start = 0
        while start < audio.count {
            let end = min(audio.count, start + 8192)
            try sink.consume(AudioBuffer(mono: Array(audio[start..<end])))
            start = end
        }
        try sink.finish()
        return sink.descriptor
    }

    /// The figures on the synthesised one-shots (`OneShotSynth.set()`): precision at 5 for the
    /// same instrument by timbre and by all aspects, and, among the chords, for the same chord
    /// quality (major or minor, whatever the root) by tonality.
    public static func oneShots(k: Int = 5) throws -> (timbre: Double, all: Double, chordQuality: Double) {
        let clips = OneShotSynth.set()
        var instruments: [Labelled] = [], chords: [Labelled] = []
        for clip in clips {
            guard let descriptor = try descriptor(ofMono: clip.audio) else { continue }
            instruments.append(Labelled(descriptor: descriptor, label: clip.instrument.rawValue))
            if let quality = clip.quality { chords.append(Labelled(descriptor: descriptor, label: quality)) }
        }
        return (precision(at: k, instruments, aspect: .timbre).precision, precision(at: k, instruments, aspect: .all).precision,
                precision(at: k, chords, aspect: .tonality).precision)
    }
}

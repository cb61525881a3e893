import Analysis
import Engine
import FluentKit
import Foundation
import Model
import SQLKit

/// Synthetic libraries and page-query timings: what `sampletok bench library`, `bench serve`,
/// `bench tui` and `bench move` measure on, and what the search tests fill a library with.
public enum LibraryBenchmark {
    /// Inserts `count` synthetic completed samples (titles from a small vocabulary, tempos,
    /// keys, views, downloads, and the stored files and beat grid a processed sample has) in one
    /// transaction.
    public static func insertSynthetic(_ count: Int, into library: Library, seed: UInt64 = 1) async throws {
        let words = ["kick", "snare", "loop", "vocal", "chop", "bass", "808", "lofi", "piano", "guitar", "drill", "trap",
                     "house", "techno", "amen", "break", "pad", "synth", "strings", "brass", "choir", "flute", "sax", "riff"]
        let creators = (0..<500).map { "creator\($0)" }
        let keys = MusicalKey.all
        try await library.database.db.transaction { db in
            guard let sql = db as? any SQLDatabase else { return }
            var random = SplitMix(seed: seed)
            let now = Date().timeIntervalSince1970
            for start in stride(from: 0, to: count, by: 500) {
                var rows: [SQLQueryString] = []
                for i in start..<min(count, start + 500) {
                    let title = (0..<3).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: " ")
                    let key = keys[Int(random.next() % 24)]
                    let bpm = 60 + Double(random.next() % 1400) / 10
                    let id = UUID()
                    let duration = Double(5 + random.next() % 55)
                    let files = try Self.filesJSON(of: id, seconds: duration)
                    let beats = Self.beats(bpm: bpm, seconds: duration).stored
                    rows.append("""
                        (\(bind: id), 'completed', \(bind: "https://example.com/\(i)"), \(bind: "https://example.com/\(i)"), 'http', \
                        \(bind: title), \(bind: "from the \(words[Int(random.next() % UInt64(words.count))]) pack, take \(i)"), \(bind: creators[i % creators.count]), \
                        \(bind: Int(random.next() % 5_000_000)), \(bind: duration), \(bind: bpm), 0.9, \
                        \(bind: key.tonic.name), \(bind: key.scale.rawValue), 0.8, \(bind: key.camelot), -14.0, \
                        \(bind: Int(random.next() % 1000)), \(bind: now - Double(i)), \(bind: now - Double(i)), \(bind: files), \(bind: beats))
                        """)
                }
                try await sql.raw("""
                    INSERT INTO samples (id, status, source_url, canonical_url, platform, title, description, creator, \
                    view_count, duration_s, bpm, bpm_confidence, key, scale, key_confidence, camelot, loudness_lufs, \
                    download_count, created_at, updated_at, files, beats) VALUES
                    """ + rows.joined(separator: ", ")).run()
            }
        }
    }

    /// The files a processed sample of `seconds` keeps, as the library stores them (JSON): WAV,
    /// MP3, HLS playlist, init and 4-s segments, peaks, waveform.
    static func filesJSON(of id: UUID, seconds: Double) throws -> String {
        let folder = "samples/\(id.uuidString.lowercased())"
        func file(_ name: String, _ type: String, _ bytes: Int) -> SampleFile {
            SampleFile(key: "\(folder)/\(name)", contentType: type, bytes: bytes)
        }
        var files = SampleFiles()
        files.wav = file("audio.wav", "audio/wav", Int(seconds * 192_000))
        files.mp3 = file("audio.mp3", "audio/mpeg", Int(seconds * 40_000))
        files.hls = file("hls/index.m3u8", "application/vnd.apple.mpegurl", 289)
        let segments = (0..<Int((seconds / 4).rounded(.up))).map { file(String(format: "hls/seg_%03d.m4s", $0), "video/iso.segment", 68_000) }
        files.hlsFirstSegment = segments.first
        files.hlsSegments = [file("hls/init.mp4", "audio/mp4", 765)] + segments
        files.peaks = file("peaks.json", "application/json", 47_000)
        files.waveform = file("waveform.png", "image/png", 23_000)
        return String(decoding: try JSONEncoder().encode(files), as: UTF8.self)
    }

    /// A steady grid at `bpm` over `seconds`, its first beat the downbeat.
    static func beats(bpm: Double, seconds: Double) -> BeatGrid {
        let step = 60 / bpm * Double(BeatGrid.sampleRate)
        let beats = (0..<Int(seconds * bpm / 60)).map { Int(Double($0) * step) }
        return BeatGrid(beats: beats.isEmpty ? [0] : beats, downbeat: 0)
    }

    /// Random page queries (a search word, a tempo range, a key, a sort); returns each one's seconds.
    public static func timeQueries(_ count: Int, on library: Library, seed: UInt64 = 2) async throws -> [(sort: String, seconds: Double)] {
        var random = SplitMix(seed: seed)
        let words = ["kic", "snare", "loop", "voc", "bass", "lofi", "pia", "trap", "hou", "break", "syn", "choir"]
        let sorts: [SampleSort?] = [nil, .newest, .bpm, .views, .downloads]
        var times: [(sort: String, seconds: Double)] = []
        for _ in 0..<count {
            let low = 70 + Double(random.next() % 80)
            let query = SampleQuery(search: words[Int(random.next() % UInt64(words.count))], bpmMin: low, bpmMax: low + 20,
                                    key: MusicalKey.all[Int(random.next() % 24)], sort: sorts[Int(random.next() % 5)])
            let start = ProcessClock.wall()
            _ = try await library.samples.list(query)
            times.append((query.sort?.rawValue ?? "relevance", ProcessClock.wall() - start))
        }
        return times
    }
}

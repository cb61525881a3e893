import Foundation
import Model

/// A row with a sample's analysis and file columns (`samples`, `stems`): one way to store an
/// analysis and files in them and to read them back.
protocol AnalysisColumns: AnyObject {
    var duration: Double? { get set }
    var bpm: Double? { get set }
    var bpmConfidence: Double? { get set }
    var key: String? { get set }
    var scale: String? { get set }
    var keyConfidence: Double? { get set }
    var keyAlternative: String? { get set }
    /// The beat grid as `BeatGrid.stored` writes it.
    var beats: String? { get set }
    var camelot: String? { get set }
    /// The sound descriptor as `SoundDescriptor.stored` writes it.
    var features: Data? { get set }
    var loudness: Double? { get set }
    var files: String? { get set }
}

extension AnalysisColumns {
    /// The stored analysis (nil until one is stored).
    var storedAnalysis: AnalysisResult? {
        guard let duration, let bpm else { return nil }
        return AnalysisResult(durationSeconds: duration, bpm: bpm, bpmConfidence: bpmConfidence ?? 0,
                              key: Self.musicalKey(key, scale), keyConfidence: keyConfidence ?? 0,
                              keyAlternative: keyAlternative.flatMap(MusicalKey.init(parsing:)), loudnessLUFS: loudness ?? -70,
                              beatGrid: beats.flatMap(BeatGrid.init(stored:)))
    }

    /// The stored files (nil until they are stored).
    var storedFiles: SampleFiles? {
        get throws { try files.map { try JSONDecoder().decode(SampleFiles.self, from: Data($0.utf8)) } }
    }

    /// The key stored as a tonic name and a scale name, when both are there and valid.
    static func musicalKey(_ tonic: String?, _ scale: String?) -> MusicalKey? {
        guard let tonic = tonic.flatMap(PitchClass.init(name:)), let scale = scale.flatMap(Scale.init(rawValue:)) else { return nil }
        return MusicalKey(tonic: tonic, scale: scale)
    }

    /// Stores an analysis in the detected columns.
    func apply(_ analysis: AnalysisResult) {
        duration = analysis.durationSeconds
        bpm = analysis.bpm
        bpmConfidence = analysis.bpmConfidence
        key = analysis.key?.name
        scale = analysis.scale?.rawValue
        keyConfidence = analysis.keyConfidence
        keyAlternative = analysis.keyAlternative?.description
        beats = analysis.beatGrid?.stored
        camelot = analysis.camelot
        loudness = analysis.loudnessLUFS
    }

    /// Stores the files.
    func apply(_ files: SampleFiles) throws {
        self.files = String(decoding: try JSONEncoder().encode(files), as: UTF8.self)
    }
}

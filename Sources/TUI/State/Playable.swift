import Foundation
import Model

/// What the player plays: a sample, or one of its stems (both through the same `AudioDeck`).
public enum Playable: Sendable, Equatable {
    /// A sample.
    case sample(Sample)
    /// A stem of a sample.
    case stem(Stem)

    /// The id of the sample or stem (what `AppState.playingID` holds).
    public var id: UUID {
        switch self {
        case .sample(let sample): return sample.id
        case .stem(let stem): return stem.id
        }
    }

    /// Its length, when known.
    public var duration: Double? {
        switch self {
        case .sample(let sample): return sample.duration
        case .stem(let stem): return stem.duration
        }
    }

    /// Its tempo and key, as the analysis (or the user) gave them.
    public var bpmAndKey: (bpm: Double?, key: MusicalKey?) {
        switch self {
        case .sample(let sample): return (sample.bpm, sample.key)
        case .stem(let stem): return (stem.bpm, stem.key)
        }
    }

    /// Its beats, when the analysis found them.
    public var beatGrid: BeatGrid? {
        switch self {
        case .sample(let sample): return sample.analysis?.beatGrid
        case .stem(let stem): return stem.analysis?.beatGrid
        }
    }

    /// Where it is in its life.
    public var status: SampleStatus {
        switch self {
        case .sample(let sample): return sample.status
        case .stem(let stem): return stem.status
        }
    }
}

import Foundation
import Model

/// Work the update function asks for; the runtime does it and answers with `AppEvent`s.
/// Keeping it data makes the state testable without a terminal, a player or a library.
public enum Effect: Sendable, Equatable {
    /// Load one page of the list (`query.page` is the page, from 1).
    case loadPage(SampleQuery, generation: Int)
    /// Load a sample's waveform peaks.
    case loadPeaks(UUID)
    /// Fetch a sample's first segment ahead of play.
    case preload(Sample)
    /// Play a sample from a time, stopping what plays.
    case play(Sample, from: Double)
    /// Pause or resume.
    case togglePause
    /// Move playback by seconds.
    case seek(Double)
    /// Set the gain (0–1.5).
    case setVolume(Double)
    /// Stop the sound.
    case stop
    /// Submit a URL or path.
    case submit(String)
    /// Follow a sample's job events.
    case watch(UUID)
    /// Load the pipeline's jobs.
    case loadJobs
    /// Export a sample's file into a folder.
    case export(UUID, ExportFormat, folder: URL)
    /// Load the user's collections.
    case loadCollections
    /// Load one collection with its items.
    case loadCollection(UUID)
    /// Create a collection.
    case createCollection(CollectionRequest)
    /// Leave the app.
    case quit
}

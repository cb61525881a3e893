import Foundation
import Model

/// Work the update function asks for; the runtime does it and answers with `AppEvent`s.
/// Keeping it data makes the state testable without a terminal, a player or a library.
/// The cases are grouped by who runs them (`Effect+Runner.swift` says it for each): the
/// library client, the player, the settings file, the app's loop.
public enum Effect: Sendable, Equatable {
    // MARK: the library client
    /// Load one page of the list (`query.page` is the page, from 1).
    case loadPage(SampleQuery, generation: Int)
    /// Load a sample's neighbours as the list's only page (answered with `.similarLoaded`, or
    /// `.pageFailed` for page 0).
    case loadSimilar(UUID, SimilarityQuery, generation: Int)
    /// Count every match of the list's query (its pages come without the count).
    case loadCount(SampleQuery, generation: Int)
    /// Get the library ready for a search about to be typed (the search line opened); no answer.
    case prepareSearch
    /// Load a sample's waveform peaks.
    case loadPeaks(UUID)
    /// Submit a URL or path.
    case submit(String)
    /// Follow a sample's job events.
    case watch(UUID)
    /// Load the pipeline's jobs.
    case loadJobs
    /// Export a sample's or a stem's file into a folder (answered with `.exported`, or with
    /// `.exportExists` when the file is there and the request says to ask; a stem's export
    /// then reloads its sample's stems: the export is counted).
    case export(ExportRequest)
    /// Delete a sample and its files (answered with `.deleted` or `.failed`).
    case delete(UUID, title: String)
    /// Start a failed sample's job again (answered with `.retried` or `.failed`).
    case retry(UUID)
    /// Load the user's collections.
    case loadCollections
    /// Load one collection with its items.
    case loadCollection(UUID)
    /// Create a collection.
    case createCollection(CollectionRequest)
    /// Load the user's starred samples.
    case loadStars
    /// Star a sample or take its star off.
    case setStar(UUID, starred: Bool)
    /// Load the user's crates.
    case loadCrates
    /// Add a sample (`title` for the message) to a crate.
    case addToCrate(UUID, sample: UUID, title: String)
    /// Make a crate and add a sample to it.
    case addToNewCrate(name: String, sample: UUID, title: String)
    /// Load one crate with its samples.
    case loadCrate(UUID)
    /// Move a sample of a crate to a place (from 1).
    case moveInCrate(UUID, sample: UUID, to: Int)
    /// Take a sample out of a crate.
    case removeFromCrate(UUID, sample: UUID)
    /// Give a crate a new name (`from` for the message).
    case renameCrate(UUID, from: String, to: String)
    /// Delete a crate (`name` for the message).
    case deleteCrate(UUID, name: String)
    /// Export every sample of a crate in order with `crate.m3u8` into a folder (`CrateExport`).
    case exportCrate(UUID, name: String, format: ExportFormat, folder: URL)
    /// Load what the stem dialog offers (`stemCatalog`).
    case loadStemCatalog
    /// Load the user's balance (`me`).
    case loadAccount
    /// Ask for stems of a sample from a provider.
    case requestStems(UUID, [StemType], provider: String)
    /// Follow a stem job's events.
    case watchStems(UUID)
    /// Load a sample's stem jobs with their stems.
    case loadStems(UUID)
    /// Load the stem jobs of the samples a page shows, in one call (answered with `.loaded` for each).
    case loadListedStems([UUID])
    /// Load a stem's waveform peaks.
    case loadStemPeaks(UUID)

    // MARK: the player
    /// Fetch a sample's (or stem's) first segment ahead of play.
    case preload(Playable)
    /// Play a sample or a stem from a time, stopping what plays.
    case play(Playable, from: Double)
    /// Loop a region of a sample or stem (from its start), stopping what plays.
    case playLoop(Playable, LoopRegion)
    /// Loop a region of what the player has, from where it is (nil: play on to the end).
    case setLoop(LoopRegion?)
    /// Bend every play from now on (and what plays) to a session's tempo and key; nil: the original.
    case setSync(PlaybackSync?)
    /// Pause or resume.
    case togglePause
    /// Move playback by seconds.
    case seek(Double)
    /// Move playback to a time, in seconds from the start.
    case seekTo(Double)
    /// Set the gain (0–1.5).
    case setVolume(Double)
    /// Stop the sound.
    case stop

    // MARK: the settings file and the app
    /// Write the settings to `settings.toml` (answered with `.settingsSaved` or `.settingsFailed`).
    case saveSettings(AppSettings)
    /// Put text on the terminal's clipboard (OSC 52, which tmux and most terminals pass on).
    case copyToClipboard(String)
    /// Leave the app.
    case quit
}

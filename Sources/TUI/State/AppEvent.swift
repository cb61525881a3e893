import Foundation
import Model

/// Everything that can change the app's state: keys, the terminal's size, the clock, and the
/// answers of the work the app asked for (`Effect`s).
public enum AppEvent: Sendable {
    /// A key press.
    case key(KeyPress)
    /// The terminal has a new size.
    case resize(rows: Int, cols: Int)
    /// A mouse click on a cell: on the waveform it moves the playhead there.
    case click(row: Int, col: Int)
    /// Time passes: `now` in seconds (monotonic), with the player's status when there is a player.
    case tick(now: Double, player: PlaybackSnapshot?)
    /// A page of the list arrived (`index` from 0), for the query of `generation`.
    case pageLoaded(generation: Int, index: Int, page: ResultPage<Sample>)
    /// The count of every match of the list's query (`Effect.loadCount`).
    case countLoaded(generation: Int, total: Int)
    /// A page could not be loaded.
    case pageFailed(generation: Int, index: Int, message: String)
    /// A sample's neighbours arrived, as the list's only page.
    case similarLoaded(generation: Int, SimilarSamples)
    /// A sample's (or stem's) waveform peaks arrived.
    case peaksLoaded(UUID, Peaks)
    /// A sample's peaks could not be loaded.
    case peaksFailed(UUID, message: String)
    /// The audio output is open: play works.
    case audioReady
    /// There is no sound, and why.
    case audioUnavailable(String)
    /// A submission was accepted.
    case submitted(source: String, outcome: SubmitOutcome)
    /// A folder was imported (`a` with a folder, locally): what it held and what became of it.
    case folderImported(source: String, FolderImport)
    /// A submission was refused.
    case submitFailed(source: String, message: String)
    /// A step of a sample's job or of a stem job.
    case progress(ProgressEvent)
    /// Following a job's events failed.
    case watchFailed(UUID, message: String)
    /// The pipeline's jobs (at start and on refresh).
    case jobsLoaded([JobInfo])
    /// A sample or a stem was exported to a file.
    case exported(URL, ExportRequest)
    /// The export's file is already there: the user chooses (overwrite, keep both, cancel).
    case exportExists(ExportRequest)
    /// A sample was deleted.
    case deleted(UUID, title: String)
    /// A failed sample's job starts again.
    case retried(Sample)
    /// The settings were written.
    case settingsSaved
    /// The settings could not be written, and why.
    case settingsFailed(String)
    /// Something the user asked for failed (an export, a play); the message says why.
    case failed(String)
    /// An answer about collections.
    case collections(CollectionsEvent)
    /// An answer about stars and crates.
    case crates(CratesEvent)
    /// An answer about stems.
    case stems(StemsEvent)
    /// SIGTERM, SIGINT or SIGHUP: quit now.
    case terminate
}

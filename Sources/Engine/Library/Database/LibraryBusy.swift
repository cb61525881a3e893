import FluentSQLiteDriver
import Model

extension SampleTokError {
    /// Another process held the SQLite library for longer than this one waits
    /// (`SAMPLETOK_BUSY_TIMEOUT`): an import beside the app, two apps on one library.
    public static let libraryBusy = SampleTokError(
        code: "library.busy",
        message: "The library is busy: another SampleTok process (an import, a server or another app on the same library) "
            + "kept it locked for longer than this one waits (SAMPLETOK_BUSY_TIMEOUT, 5 seconds by default). "
            + "Try again when it has finished, or set SAMPLETOK_BUSY_TIMEOUT higher.")

    /// The `SampleTokError` an error out of the library stands for: the error itself when it is
    /// one, `library.busy` for SQLite's busy and locked errors, nil for anything else.
    public static func library(_ error: any Error) -> SampleTokError? {
        switch error {
        case let error as SampleTokError: return error
        case let error as SQLiteError:
            switch error.reason {
            case .busy, .busyTimeout, .busyInRecovery, .busyInSnapshot, .locked, .lockedBySharedCache, .lockedVirtualTable:
                return .libraryBusy
            default: return nil
            }
        default: return nil
        }
    }
}

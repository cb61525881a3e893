import Dispatch
import Foundation

/// Runs an async handler on Ctrl-C (SIGINT) instead of dying at once.
enum Interrupt {
    /// Installs `handler`; cancel the returned source to restore the default behaviour.
    static func install(_ handler: @escaping @Sendable () async -> Void) -> any DispatchSourceSignal {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { Task { await handler() } }
        source.setCancelHandler { signal(SIGINT, SIG_DFL) }
        source.resume()
        return source
    }
}

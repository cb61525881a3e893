import CNcursesw
import Foundation
import Synchronization

/// The last SIGTERM, SIGINT or SIGHUP received, for the app's loop to act on (0 when none).
private let pendingSignal = Atomic<Int32>(0)

/// Restores the terminal whatever ends the process: SIGTERM, SIGINT and SIGHUP ask the loop to
/// quit cleanly; a crash (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT) ends curses mode
/// and then dies of the same signal; `atexit` covers `exit()` from anywhere.
enum TerminalSignals {
    /// Installs the handlers (once the terminal is in curses mode).
    static func install() {
        _ = pendingSignal.load(ordering: .relaxed)
        for sig in [SIGTERM, SIGINT, SIGHUP] {
            signal(sig) { number in pendingSignal.store(number, ordering: .relaxed) }
        }
        signal(SIGPIPE, SIG_IGN)
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT] {
            signal(sig) { number in
                if !isendwin() { endwin() }
                signal(number, SIG_DFL)
                raise(number)
            }
        }
        atexit { if !isendwin() { endwin() } }
    }

    /// The signal received since the last call, if any.
    static func take() -> Int32? {
        let value = pendingSignal.exchange(0, ordering: .relaxed)
        return value == 0 ? nil : value
    }

    /// Puts the default handlers back (after the terminal is restored).
    static func uninstall() {
        for sig in [SIGTERM, SIGINT, SIGHUP, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT] { signal(sig, SIG_DFL) }
    }
}

import Client
import Foundation
import Model

/// The ncurses application over a `SampleTokClient`: `sampletok` on the local library and
/// `sampletok --remote URL` on a server open it.
public enum TerminalApp {
    /// Throws `terminal.unusable` unless stdin and stdout are terminals (check before opening a
    /// library for nothing).
    public static func requireTerminal() throws(SampleTokError) {
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else { throw TerminalError.notATerminal }
    }

    /// Runs the app until the user quits (or SIGTERM/SIGINT/SIGHUP); returns the exit status.
    /// The terminal is restored on every way out. The caller closes the client afterwards.
    public static func run(client: any SampleTokClient, options: TerminalOptions) async -> Int32 {
        await withCheckedContinuation { continuation in
            // ncurses and the loop live on a thread of their own, off the cooperative pool that
            // the client (and an embedded library's workers) run on.
            let thread = Thread {
                continuation.resume(returning: AppLoop(client: client, options: options).run())
            }
            thread.name = "sampletok.tui"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}

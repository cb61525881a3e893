import Foundation

/// A named pipe standing in for a file nobody may read: it tells whether anything opened it.
///
/// A thread holds an open of the pipe's writing end pending; an open for reading (by any
/// process) completes it, which is noted. Nothing is ever written: a reader sees an empty file.
public final class ReadWitness: @unchecked Sendable {
    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var opened = false
        var released = false
    }

    /// The pipe's path.
    public let path: String
    private let state = State()

    /// Creates the pipe at `path` and starts watching it.
    public init(path: String) throws {
        self.path = path
        guard mkfifo(path, 0o644) == 0 else { throw CommandFailure(description: "mkfifo \(path): errno \(errno)") }
        let state = self.state
        Thread.detachNewThread {
            let descriptor = open(path, O_WRONLY)
            state.lock.lock()
            if !state.released { state.opened = true }
            state.lock.unlock()
            if descriptor >= 0 { close(descriptor) }
        }
    }

    /// Whether something opened the pipe for reading so far.
    public var wasOpened: Bool {
        state.lock.lock()
        defer { state.lock.unlock() }
        return state.opened
    }

    /// Stops watching: opens the pipe for reading itself, which lets the thread finish.
    deinit {
        state.lock.lock()
        state.released = true
        state.lock.unlock()
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        if descriptor >= 0 { close(descriptor) }
        unlink(path)
    }
}

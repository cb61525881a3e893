import Foundation

/// The threads the player's sessions run on. One is kept parked, waiting, so a play hands its
/// session to a thread that already runs instead of making one on the key press (a thread's
/// start was the largest part of a cold play's slow tail on a busy machine, issue 22). A play
/// that finds no parked thread (the last session still ends) makes one; a thread whose session
/// ended parks if none is parked, else ends.
final class SessionThreads: @unchecked Sendable {
    private let condition = NSCondition()
    /// Sessions handed over, not yet taken by a parked thread.
    private var queued: [@Sendable () -> Void] = []
    /// Threads waiting for a session.
    private var parked = 0
    /// How many threads may wait.
    private let spares: Int
    private var closed = false

    /// Starts `spares` threads and returns once they are parked.
    init(spares: Int = 1) {
        self.spares = spares
        for _ in 0..<spares { spawn(nil) }
        condition.lock()
        while parked < spares { condition.wait() }
        condition.unlock()
    }

    /// Lets the parked threads end.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Runs `session` on a parked thread, or on a new one when none is free.
    func run(_ session: @escaping @Sendable () -> Void) {
        condition.lock()
        if parked > queued.count && !closed {
            queued.append(session)
            condition.broadcast()
            condition.unlock()
            return
        }
        condition.unlock()
        spawn(session)
    }

    private func spawn(_ first: (@Sendable () -> Void)?) {
        let thread = Thread { [self] in
            var next = first
            while true {
                next?()
                next = nil
                condition.lock()
                if closed || parked >= spares {
                    condition.unlock()
                    return
                }
                parked += 1
                condition.broadcast()
                while queued.isEmpty && !closed { condition.wait() }
                parked -= 1
                if !queued.isEmpty { next = queued.removeFirst() }
                condition.unlock()
                if next == nil { return }
            }
        }
        thread.name = "sampletok.player"
        thread.start()
    }
}

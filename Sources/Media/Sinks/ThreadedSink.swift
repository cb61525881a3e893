import Foundation

/// Runs another sink on a thread of its own, fed through a bounded queue, so that
/// encoders work on both cores while the decoder goes on.
///
/// The inner sink is only ever touched by that thread. Errors it throws come back from the
/// next `consume` or from `finish`.
public final class ThreadedSink: AudioSink, @unchecked Sendable {
    public let name: String
    private let inner: AudioSink
    private let capacity: Int
    private let condition = NSCondition()
    private var queue: [AudioBuffer] = []
    private var closing = false
    private var cancelled = false
    private var failure: Error?
    private var busy: Double = 0
    private let done = DispatchSemaphore(value: 0)
    private var started = false

    /// Wraps `inner`; at most `capacity` buffers wait for it.
    public init(_ inner: AudioSink, capacity: Int = 16) {
        self.inner = inner
        self.name = inner.name
        self.capacity = capacity
    }

    /// Seconds the inner sink spent working (valid after `finish()`).
    public var busySeconds: Double {
        condition.lock(); defer { condition.unlock() }
        return busy
    }

    public func consume(_ buffer: AudioBuffer) throws {
        startIfNeeded()
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && failure == nil { condition.wait() }
        if let failure { throw failure }
        queue.append(buffer)
        condition.broadcast()
    }

    public func finish() throws {
        startIfNeeded()
        condition.lock()
        closing = true
        condition.broadcast()
        condition.unlock()
        done.wait()
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
    }

    public func cancel() {
        guard started else {
            inner.cancel()
            return
        }
        condition.lock()
        cancelled = true
        closing = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
        done.wait()
    }

    private func startIfNeeded() {
        guard !started else { return }
        started = true
        let thread = Thread { [self] in work() }
        thread.name = "sampletok.\(name)"
        thread.start()
    }

    private func work() {
        while true {
            condition.lock()
            while queue.isEmpty && !closing { condition.wait() }
            if queue.isEmpty {
                condition.unlock()
                break
            }
            let buffer = queue.removeFirst()
            let skip = failure != nil
            condition.broadcast()
            condition.unlock()
            if skip { continue }
            let start = DispatchTime.now().uptimeNanoseconds
            do {
                try inner.consume(buffer)
            } catch {
                record(error)
            }
            addBusy(since: start)
        }
        condition.lock()
        let shouldCancel = cancelled || failure != nil
        condition.unlock()
        if shouldCancel {
            inner.cancel()
        } else {
            let start = DispatchTime.now().uptimeNanoseconds
            do { try inner.finish() } catch { record(error) }
            addBusy(since: start)
        }
        done.signal()
    }

    private func record(_ error: Error) {
        condition.lock()
        if failure == nil { failure = error }
        condition.broadcast()
        condition.unlock()
    }

    private func addBusy(since start: UInt64) {
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        condition.lock()
        busy += seconds
        condition.unlock()
    }
}

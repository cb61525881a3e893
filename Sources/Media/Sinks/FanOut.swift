import Foundation

/// Hands every buffer of the one decode pass to several sinks, and keeps the time each took.
///
/// Sinks wrapped in `ThreadedSink` work on their own threads; the others run on the caller's.
public final class FanOut {
    private let sinks: [AudioSink]
    private var busy: [Double]
    private var closed = false

    /// Creates a fan-out to `sinks`, in that order.
    public init(_ sinks: [AudioSink]) {
        self.sinks = sinks
        self.busy = Array(repeating: 0, count: sinks.count)
    }

    /// Gives `buffer` to every sink.
    public func consume(_ buffer: AudioBuffer) throws {
        for (i, sink) in sinks.enumerated() {
            let start = DispatchTime.now().uptimeNanoseconds
            try sink.consume(buffer)
            busy[i] += Self.seconds(since: start)
        }
    }

    /// Finishes every sink; if one fails, the others are cancelled and its error is thrown.
    public func finish() throws {
        closed = true
        var failure: Error?
        for (i, sink) in sinks.enumerated() {
            if failure != nil {
                sink.cancel()
                continue
            }
            let start = DispatchTime.now().uptimeNanoseconds
            do { try sink.finish() } catch { failure = error }
            busy[i] += Self.seconds(since: start)
        }
        if let failure { throw failure }
    }

    /// Cancels every sink that has not finished (after a failed pass).
    public func cancel() {
        guard !closed else { return }
        closed = true
        for sink in sinks { sink.cancel() }
    }

    /// Seconds each sink worked, by name. For threaded sinks, the time on their own thread.
    public var timings: [(name: String, seconds: Double)] {
        sinks.enumerated().map { i, sink in
            if let threaded = sink as? ThreadedSink { return (sink.name, threaded.busySeconds) }
            return (sink.name, busy[i])
        }
    }

    /// Seconds the caller's thread spent inside the sinks (including waiting for full queues).
    public var callerSeconds: Double { busy.reduce(0, +) }

    private static func seconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

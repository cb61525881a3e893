/// A consumer of the one decode pass: it receives every buffer in order, then `finish()`.
///
/// Sinks are used from one thread at a time; `ThreadedSink` moves one to its own thread.
public protocol AudioSink: AnyObject {
    /// A short name for timings and errors, e.g. `mp3`.
    var name: String { get }
    /// Takes the next buffer of the stream.
    func consume(_ buffer: AudioBuffer) throws
    /// Called once after the last buffer: flush encoders, close files.
    func finish() throws
    /// Called instead of `finish()` when the pass fails: release what is held, write nothing more.
    func cancel()
}

extension AudioSink {
    /// By default a sink has nothing to release early.
    public func cancel() {}
}

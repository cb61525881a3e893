import Foundation
import Media
import Model

/// Audio to PulseAudio through its asynchronous API (a threaded main loop and one playback
/// stream, `PulseConnection`), 48 kHz float stereo, that comes back when the server does.
///
/// The stream asks for a small buffer (`targetLatency`, 20 ms) so that stop and seek are heard
/// at once. When the server reports an underrun while sound is playing (the writer came late: a
/// busy machine), the buffer doubles, up to `maxLatency`; after `calmPeriod` seconds without
/// one it halves back toward the target. Nothing reaches the user unless underruns keep coming
/// with the largest buffer (`isStruggling`).
///
/// When the server goes away (`pulseaudio --kill`, a crash, a restart), the write in progress
/// fails with `playback.no_audio_device`; the next write connects again (a new main loop,
/// context and stream) and plays if a server answers by then. `watch(every:_:)` does the same in
/// the background while nothing plays, and says when sound is lost and when it is back. An
/// output made with `unconnected` connects on its first write or watch: an app may start before
/// PulseAudio does.
///
/// One thread writes at a time (the player's); `flush`, the figures and `isConnected` may be
/// called from any thread.
public final class PulseOutput: AudioOutput, @unchecked Sendable {
    private let settings: PulseConnection.Settings
    /// The live connection, if any.
    private let connection = Locked<PulseConnection?>(nil)
    /// Held while a connection is made, so two threads never make two.
    private let connecting = NSLock()
    /// The writer's interleaving buffer (one writer at a time).
    private var interleaved: [Float] = []

    /// Connects to `server` (e.g. `unix:/run/pulse/native`), or by default to `PULSE_SERVER` or
    /// `$XDG_RUNTIME_DIR/pulse/native`, and opens a playback stream.
    ///
    /// - Throws: `PlaybackError.noAudioDevice` when PulseAudio cannot be reached.
    public convenience init(server: String? = nil, name: String = "SampleTok", targetLatency: Double = 0.020,
                            maxLatency: Double = 0.320, calmPeriod: Double = 10) throws(PlaybackError) {
        self.init(settings: Self.settings(server: server, name: name, targetLatency: targetLatency,
                                          maxLatency: maxLatency, calmPeriod: calmPeriod))
        try connectIfNeeded(warmUp: false)
    }

    /// An output that connects to `server` on its first write (or `connectIfNeeded`, or a
    /// `watch`), for a caller that must not wait for PulseAudio or fail without it.
    public static func unconnected(server: String? = nil, name: String = "SampleTok", targetLatency: Double = 0.020,
                                   maxLatency: Double = 0.320, calmPeriod: Double = 10) -> PulseOutput {
        PulseOutput(settings: settings(server: server, name: name, targetLatency: targetLatency,
                                       maxLatency: maxLatency, calmPeriod: calmPeriod))
    }

    private init(settings: PulseConnection.Settings) {
        self.settings = settings
    }

    private static func settings(server: String?, name: String, targetLatency: Double, maxLatency: Double,
                                 calmPeriod: Double) -> PulseConnection.Settings {
        let target = PulseConnection.frameAligned(PulseConnection.bytesPerSecond * targetLatency)
        return PulseConnection.Settings(server: server, name: name, targetBytes: target,
                                        maxBytes: max(target, PulseConnection.frameAligned(PulseConnection.bytesPerSecond * maxLatency)),
                                        calmPeriod: calmPeriod)
    }

    /// Whether a server answers on the connection the output holds (false before the first
    /// connection and once the server went away).
    public var isConnected: Bool { connection.withLock { $0 }?.isAlive ?? false }

    /// Connects when the output holds no live connection; returns whether it made a new one.
    /// With `warmUp`, a new stream is started with 10 ms of silence: its first write waits for
    /// the server to start the stream (up to 2 s on a null sink), paid here rather than by the
    /// first play.
    ///
    /// - Throws: `PlaybackError.noAudioDevice` when no server answers.
    @discardableResult
    public func connectIfNeeded(warmUp: Bool = true) throws(PlaybackError) -> Bool {
        try live(warmUp: warmUp).isNew
    }

    /// The live connection, made now when there is none.
    private func live(warmUp: Bool) throws(PlaybackError) -> (connection: PulseConnection, isNew: Bool) {
        if let current = connection.withLock({ $0 }), current.isAlive { return (current, false) }
        connecting.lock()
        defer { connecting.unlock() }
        // Another thread may have connected while this one waited.
        if let current = connection.withLock({ $0 }), current.isAlive { return (current, false) }
        // The dead connection goes first: its main loop thread and socket are let go.
        connection.withLock { $0 = nil }
        let made = try PulseConnection(settings)
        if warmUp { try made.write([Float](repeating: 0, count: 2 * AudioBuffer.sampleRate / 100)) }
        connection.withLock { $0 = made }
        return (made, true)
    }

    public func write(_ buffer: AudioBuffer) throws(PlaybackError) {
        let n = buffer.frameCount
        if interleaved.count != 2 * n { interleaved = [Float](repeating: 0, count: 2 * n) }
        for i in 0..<n {
            interleaved[2 * i] = buffer.left[i]
            interleaved[2 * i + 1] = buffer.right[i]
        }
        try live(warmUp: false).connection.write(interleaved)
    }

    public func flush() {
        connection.withLock { $0 }?.flush()
    }

    private var figures: PulseConnection.Figures {
        connection.withLock { $0 }?.figures.withLock { $0 } ?? PulseConnection.Figures()
    }

    public var latency: Double { figures.latency }

    /// The buffer the stream asks for now, in seconds (`targetLatency` when all is calm).
    public var bufferTarget: Double { figures.buffer }

    /// Underruns heard while sound was playing, since the stream was opened.
    public var underruns: Int { figures.underruns }

    public var isStruggling: Bool { figures.struggling }

    /// Checks the connection every `interval` seconds on a thread of its own, connecting again
    /// (with a warm-up) while there is none, and calls `report` when that changes: `nil` when
    /// sound works (at the first check too), the reason when it does not. Stops when the
    /// returned watch is cancelled or released.
    public func watch(every interval: Double = 2, _ report: @escaping @Sendable (PlaybackError?) -> Void) -> OutputWatch {
        let watch = OutputWatch()
        let thread = Thread { [self, weak watch] in
            var worked: Bool?
            while let current = watch, !current.isCancelled {
                let problem: PlaybackError?
                do throws(PlaybackError) {
                    try connectIfNeeded()
                    problem = nil
                } catch {
                    problem = error
                }
                // A change of state is news; the same failure again is not.
                if worked != (problem == nil) {
                    worked = problem == nil
                    report(problem)
                }
                current.sleep(interval)
            }
        }
        thread.name = "sampletok.pulse-watch"
        thread.start()
        return watch
    }
}

/// A running `PulseOutput.watch`: cancel it (or let it go) to stop the checks.
public final class OutputWatch: Sendable {
    private let cancelled = Locked(false)
    private let wake = NSCondition()

    init() {}

    deinit { cancel() }

    /// Whether `cancel` was called.
    public var isCancelled: Bool { cancelled.withLock { $0 } }

    /// Stops the checks (the one in progress finishes).
    public func cancel() {
        cancelled.withLock { $0 = true }
        wake.lock()
        wake.broadcast()
        wake.unlock()
    }

    /// Waits `seconds`, or until cancelled.
    func sleep(_ seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        wake.lock()
        while !isCancelled && Date() < deadline { _ = wake.wait(until: deadline) }
        wake.unlock()
    }
}

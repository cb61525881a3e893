import CPulse
import Foundation
import Media
import Model

/// One connection to a PulseAudio server: a threaded main loop, a context and one playback
/// stream, 48 kHz float stereo, with the adaptive buffer `PulseOutput` describes. It lives until
/// the server goes away (a `pulseaudio --kill`, a restart): then `isAlive` turns false and
/// `PulseOutput` makes a new one.
///
/// Every call into libpulse holds the main loop's lock; the figures the player's clock reads are
/// kept under a lock of their own, so they can be read without waiting for a write that blocks.
final class PulseConnection: @unchecked Sendable {
    /// What a connection asks of the server.
    struct Settings: Sendable {
        /// `unix:/path/native`, or nil for `PULSE_SERVER` or `$XDG_RUNTIME_DIR/pulse/native`.
        var server: String?
        /// The client's name, as `pactl list clients` shows it.
        var name: String
        /// The buffer asked for when all is calm, in bytes.
        var targetBytes: Int
        /// The largest buffer underruns may grow it to, in bytes.
        var maxBytes: Int
        /// Seconds without an underrun before the buffer shrinks a step.
        var calmPeriod: Double
    }

    /// What the output reports to the player: read from any thread.
    struct Figures {
        var latency = 0.0
        var buffer = 0.0
        var underruns = 0
        var struggling = false
    }

    static let bytesPerSecond = Double(AudioBuffer.sampleRate * 2 * MemoryLayout<Float>.size)

    private let settings: Settings
    private let loop: OpaquePointer
    private let context: OpaquePointer
    private let stream: OpaquePointer
    private let events: StreamEvents

    // Written by `write` and `flush` under the main loop's lock.
    private var bufferBytes: Int
    private var countedUnderflows = 0
    private var lastUnderflow = -Double.infinity
    private var lastChange = -Double.infinity
    private var lastWriteEnd = -Double.infinity

    /// The latency, buffer and underrun figures.
    let figures = Locked(Figures())

    /// Connects and opens the playback stream, waiting until both are ready.
    ///
    /// - Throws: `PlaybackError.noAudioDevice` when the server cannot be reached.
    init(_ settings: Settings) throws(PlaybackError) {
        self.settings = settings
        bufferBytes = settings.targetBytes
        guard let loop = pa_threaded_mainloop_new() else { throw .noAudioDevice("cannot make a PulseAudio main loop") }
        guard let context = pa_context_new(pa_threaded_mainloop_get_api(loop), settings.name) else {
            pa_threaded_mainloop_free(loop)
            throw .noAudioDevice("cannot make a PulseAudio context")
        }
        self.loop = loop
        self.context = context
        events = StreamEvents(loop: loop)
        let userdata = Unmanaged.passUnretained(events).toOpaque()
        pa_context_set_state_callback(context, { _, userdata in StreamEvents.signal(userdata) }, userdata)

        var spec = pa_sample_spec(format: PA_SAMPLE_FLOAT32LE, rate: UInt32(AudioBuffer.sampleRate), channels: 2)
        pa_threaded_mainloop_start(loop)
        pa_threaded_mainloop_lock(loop)
        var stream: OpaquePointer?
        do throws(PlaybackError) {
            try Self.connect(context, server: settings.server, loop: loop)
            guard let made = pa_stream_new(context, "preview", &spec, nil) else { throw Self.error(context, "cannot make a stream") }
            stream = made
            pa_stream_set_state_callback(made, { _, userdata in StreamEvents.signal(userdata) }, userdata)
            pa_stream_set_write_callback(made, { _, _, userdata in StreamEvents.signal(userdata) }, userdata)
            pa_stream_set_underflow_callback(made, { _, userdata in StreamEvents.underflow(userdata) }, userdata)
            var attributes = Self.attributes(tlength: settings.targetBytes)
            let flags = pa_stream_flags_t(rawValue: PA_STREAM_ADJUST_LATENCY.rawValue | PA_STREAM_INTERPOLATE_TIMING.rawValue
                                          | PA_STREAM_AUTO_TIMING_UPDATE.rawValue)
            guard pa_stream_connect_playback(made, nil, &attributes, flags, nil, nil) == 0 else {
                throw Self.error(context, "cannot open a playback stream")
            }
            while pa_stream_get_state(made) != PA_STREAM_READY {
                guard PA_STREAM_IS_GOOD(pa_stream_get_state(made)) != 0 else { throw Self.error(context, "the playback stream failed") }
                pa_threaded_mainloop_wait(loop)
            }
        } catch {
            if let stream { pa_stream_unref(stream) }
            pa_context_disconnect(context)
            pa_threaded_mainloop_unlock(loop)
            pa_threaded_mainloop_stop(loop)
            pa_context_unref(context)
            pa_threaded_mainloop_free(loop)
            throw error
        }
        pa_threaded_mainloop_unlock(loop)
        guard let stream else { throw .noAudioDevice("no stream") }
        self.stream = stream
        figures.withLock { $0.buffer = Double(settings.targetBytes) / Self.bytesPerSecond }
    }

    deinit {
        pa_threaded_mainloop_lock(loop)
        pa_stream_disconnect(stream)
        pa_stream_unref(stream)
        pa_context_disconnect(context)
        pa_context_unref(context)
        pa_threaded_mainloop_unlock(loop)
        pa_threaded_mainloop_stop(loop)
        pa_threaded_mainloop_free(loop)
    }

    /// Whether the server is still there and the stream still open (false once the server went
    /// away: the connection cannot come back, a new one is needed).
    var isAlive: Bool {
        pa_threaded_mainloop_lock(loop)
        defer { pa_threaded_mainloop_unlock(loop) }
        return pa_context_get_state(context) == PA_CONTEXT_READY && pa_stream_get_state(stream) == PA_STREAM_READY
    }

    /// Writes interleaved stereo floats, blocking while the stream's buffer is full.
    func write(_ interleaved: [Float]) throws(PlaybackError) {
        pa_threaded_mainloop_lock(loop)
        defer { pa_threaded_mainloop_unlock(loop) }
        adapt(at: ProcessInfo.processInfo.systemUptime)
        let total = interleaved.count * MemoryLayout<Float>.size
        var offset = 0
        while offset < total {
            guard PA_STREAM_IS_GOOD(pa_stream_get_state(stream)) != 0 else { throw Self.error(context, "the playback stream ended") }
            let writable = pa_stream_writable_size(stream)
            guard writable > 0 else {
                if writable < 0 { throw Self.error(context, "the playback stream failed") }
                pa_threaded_mainloop_wait(loop)
                continue
            }
            let size = min(writable, total - offset)
            let result = interleaved.withUnsafeBytes { bytes in
                pa_stream_write(stream, bytes.baseAddress.map { $0 + offset }, size, nil, 0, PA_SEEK_RELATIVE)
            }
            guard result == 0 else { throw Self.error(context, "writing to PulseAudio failed") }
            offset += size
        }
        lastWriteEnd = ProcessInfo.processInfo.systemUptime
        var usec: pa_usec_t = 0
        var negative: Int32 = 0
        let latency = pa_stream_get_latency(stream, &usec, &negative) == 0 && negative == 0 ? Double(usec) / 1e6 : 0
        figures.withLock { $0.latency = latency }
    }

    /// Drops what is buffered but not yet heard.
    func flush() {
        pa_threaded_mainloop_lock(loop)
        if PA_STREAM_IS_GOOD(pa_stream_get_state(stream)) != 0, let operation = pa_stream_flush(stream, nil, nil) {
            pa_operation_unref(operation)
        }
        // The next sound starts from an empty buffer: that underrun is not the machine's fault.
        lastWriteEnd = -Double.infinity
        pa_threaded_mainloop_unlock(loop)
        figures.withLock { $0.latency = 0 }
    }

    /// Grows the buffer after an underrun heard while playing, shrinks it after a calm period.
    /// Called with the main loop's lock held, before a write.
    private func adapt(at now: Double) {
        let underflows = events.underflows
        let fresh = underflows - countedUnderflows
        countedUnderflows = underflows
        // A gap of more than a second between writes is the sound ending, a pause or a stop:
        // the buffer ran dry because nothing was playing, not because the writer came late.
        let playing = now - lastWriteEnd < 1
        var size = bufferBytes
        if fresh > 0 && playing {
            figures.withLock { $0.underruns += fresh }
            if bufferBytes < settings.maxBytes {
                size = min(settings.maxBytes, bufferBytes * 2)
            } else {
                figures.withLock { $0.struggling = true }
            }
            lastUnderflow = now
        } else if now - lastUnderflow >= settings.calmPeriod {
            figures.withLock { $0.struggling = false }
            if bufferBytes > settings.targetBytes && now - lastChange >= settings.calmPeriod {
                size = max(settings.targetBytes, Self.frameAligned(Double(bufferBytes) / 2))
            }
        }
        guard size != bufferBytes else { return }
        bufferBytes = size
        lastChange = now
        var attributes = Self.attributes(tlength: size)
        if let operation = pa_stream_set_buffer_attr(stream, &attributes, nil, nil) { pa_operation_unref(operation) }
        figures.withLock { $0.buffer = Double(size) / Self.bytesPerSecond }
    }

    /// Connects `context` and waits, with the loop's lock held, until it is ready.
    private static func connect(_ context: OpaquePointer, server: String?, loop: OpaquePointer) throws(PlaybackError) {
        guard pa_context_connect(context, server, PA_CONTEXT_NOAUTOSPAWN, nil) == 0 else {
            throw error(context, "cannot connect")
        }
        while pa_context_get_state(context) != PA_CONTEXT_READY {
            guard PA_CONTEXT_IS_GOOD(pa_context_get_state(context)) != 0 else { throw error(context, "the connection failed") }
            pa_threaded_mainloop_wait(loop)
        }
    }

    /// A playback buffer of `tlength` bytes; the server chooses the rest.
    private static func attributes(tlength: Int) -> pa_buffer_attr {
        pa_buffer_attr(maxlength: UInt32.max, tlength: UInt32(tlength), prebuf: UInt32.max, minreq: UInt32.max, fragsize: UInt32.max)
    }

    /// `bytes` rounded to whole stereo float frames.
    static func frameAligned(_ bytes: Double) -> Int {
        let frame = 2 * MemoryLayout<Float>.size
        return max(frame, Int(bytes) / frame * frame)
    }

    private static func error(_ context: OpaquePointer, _ what: String) -> PlaybackError {
        .noAudioDevice("\(what): \(String(cString: pa_strerror(pa_context_errno(context))))")
    }
}

/// What the stream's callbacks touch: they run on the main loop's thread with its lock held.
private final class StreamEvents: @unchecked Sendable {
    let loop: OpaquePointer
    /// Underflows the server reported, counted under the main loop's lock.
    var underflows = 0

    init(loop: OpaquePointer) { self.loop = loop }

    /// Wakes a thread waiting in `pa_threaded_mainloop_wait`.
    static func signal(_ userdata: UnsafeMutableRawPointer?) {
        guard let userdata else { return }
        pa_threaded_mainloop_signal(Unmanaged<StreamEvents>.fromOpaque(userdata).takeUnretainedValue().loop, 0)
    }

    /// Counts an underflow and wakes a waiting writer.
    static func underflow(_ userdata: UnsafeMutableRawPointer?) {
        guard let userdata else { return }
        let events = Unmanaged<StreamEvents>.fromOpaque(userdata).takeUnretainedValue()
        events.underflows += 1
        pa_threaded_mainloop_signal(events.loop, 0)
    }
}

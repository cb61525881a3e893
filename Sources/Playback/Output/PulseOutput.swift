import CPulse
import Foundation
import Media
import Synchronization

/// Audio to PulseAudio through its asynchronous API (a threaded main loop and one playback
/// stream), 48 kHz float stereo.
///
/// The stream asks for a small buffer (`targetLatency`, 20 ms) so that stop and seek are heard
/// at once. When the server reports an underrun while sound is playing (the writer came late: a
/// busy machine), the buffer doubles, up to `maxLatency`; after `calmPeriod` seconds without
/// one it halves back toward the target. Nothing reaches the user unless underruns keep coming
/// with the largest buffer (`isStruggling`).
///
/// Every call into libpulse holds the main loop's lock; the latency and the buffer figures are
/// kept under a lock of their own, so the player's clock reads them without waiting for a
/// write that blocks.
public final class PulseOutput: AudioOutput, @unchecked Sendable {
    private let loop: OpaquePointer
    private let context: OpaquePointer
    private let stream: OpaquePointer
    private let events: StreamEvents
    private let bytesPerSecond = Double(AudioBuffer.sampleRate * 2 * MemoryLayout<Float>.size)
    private let targetBytes: Int
    private let maxBytes: Int
    private let calmPeriod: Double
    private var interleaved: [Float] = []

    // Written by `write` and `flush` under the main loop's lock.
    private var bufferBytes: Int
    private var countedUnderflows = 0
    private var lastUnderflow = -Double.infinity
    private var lastChange = -Double.infinity
    private var lastWriteEnd = -Double.infinity

    private let figures = Mutex(Figures())

    /// What the output reports to the player: read from any thread.
    private struct Figures {
        var latency = 0.0
        var buffer = 0.0
        var underruns = 0
        var struggling = false
    }

    /// Connects to `server` (e.g. `unix:/run/pulse/native`), or by default to `PULSE_SERVER` or
    /// `$XDG_RUNTIME_DIR/pulse/native`, and opens a playback stream.
    ///
    /// - Throws: `PlaybackError.noAudioDevice` when PulseAudio cannot be reached.
    public init(server: String? = nil, name: String = "SampleTok", targetLatency: Double = 0.020,
                maxLatency: Double = 0.320, calmPeriod: Double = 10) throws(PlaybackError) {
        targetBytes = Self.frameAligned(bytesPerSecond * targetLatency)
        maxBytes = max(targetBytes, Self.frameAligned(bytesPerSecond * maxLatency))
        bufferBytes = targetBytes
        self.calmPeriod = calmPeriod
        guard let loop = pa_threaded_mainloop_new() else { throw .noAudioDevice("cannot make a PulseAudio main loop") }
        guard let context = pa_context_new(pa_threaded_mainloop_get_api(loop), name) else {
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
            try Self.connect(context, server: server, loop: loop)
            guard let made = pa_stream_new(context, "preview", &spec, nil) else { throw Self.error(context, "cannot make a stream") }
            stream = made
            pa_stream_set_state_callback(made, { _, userdata in StreamEvents.signal(userdata) }, userdata)
            pa_stream_set_write_callback(made, { _, _, userdata in StreamEvents.signal(userdata) }, userdata)
            pa_stream_set_underflow_callback(made, { _, userdata in StreamEvents.underflow(userdata) }, userdata)
            var attributes = Self.attributes(tlength: targetBytes)
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
        figures.withLock { $0.buffer = Double(targetBytes) / bytesPerSecond }
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

    public func write(_ buffer: AudioBuffer) throws(PlaybackError) {
        let n = buffer.frameCount
        if interleaved.count != 2 * n { interleaved = [Float](repeating: 0, count: 2 * n) }
        for i in 0..<n {
            interleaved[2 * i] = buffer.left[i]
            interleaved[2 * i + 1] = buffer.right[i]
        }
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

    public func flush() {
        pa_threaded_mainloop_lock(loop)
        if let operation = pa_stream_flush(stream, nil, nil) { pa_operation_unref(operation) }
        // The next sound starts from an empty buffer: that underrun is not the machine's fault.
        lastWriteEnd = -Double.infinity
        pa_threaded_mainloop_unlock(loop)
        figures.withLock { $0.latency = 0 }
    }

    public var latency: Double { figures.withLock { $0.latency } }

    /// The buffer the stream asks for now, in seconds (`targetLatency` when all is calm).
    public var bufferTarget: Double { figures.withLock { $0.buffer } }

    /// Underruns heard while sound was playing, since the output was made.
    public var underruns: Int { figures.withLock { $0.underruns } }

    public var isStruggling: Bool { figures.withLock { $0.struggling } }

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
            if bufferBytes < maxBytes {
                size = min(maxBytes, bufferBytes * 2)
            } else {
                figures.withLock { $0.struggling = true }
            }
            lastUnderflow = now
        } else if now - lastUnderflow >= calmPeriod {
            figures.withLock { $0.struggling = false }
            if bufferBytes > targetBytes && now - lastChange >= calmPeriod {
                size = max(targetBytes, Self.frameAligned(Double(bufferBytes) / 2))
            }
        }
        guard size != bufferBytes else { return }
        bufferBytes = size
        lastChange = now
        var attributes = Self.attributes(tlength: size)
        if let operation = pa_stream_set_buffer_attr(stream, &attributes, nil, nil) { pa_operation_unref(operation) }
        figures.withLock { $0.buffer = Double(size) / bytesPerSecond }
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
    private static func frameAligned(_ bytes: Double) -> Int {
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

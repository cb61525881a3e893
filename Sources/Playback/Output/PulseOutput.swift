import CPulse
import Foundation
import Media

/// Audio to PulseAudio through `pa_simple`, 48 kHz float stereo, with a target buffer of about
/// 20 ms (the server's default without a `pa_buffer_attr` is about a second).
///
/// `pa_simple` is not safe to call from two threads at once: every call here holds a lock, and
/// the latency is measured after each write and kept under a lock of its own, so the player's
/// clock can read it at any time without waiting for a write that blocks.
public final class PulseOutput: AudioOutput, @unchecked Sendable {
    private var stream: OpaquePointer?
    private var interleaved: [Float] = []
    private let lock = NSLock()
    private let latencyLock = NSLock()
    private var measuredLatency = 0.0

    /// Connects to `server` (e.g. `unix:/run/pulse/native`), or by default to `PULSE_SERVER` or
    /// `$XDG_RUNTIME_DIR/pulse/native`.
    ///
    /// - Throws: `PlaybackError.noAudioDevice` when PulseAudio cannot be reached.
    public init(server: String? = nil, name: String = "SampleTok", targetLatency: Double = 0.020) throws(PlaybackError) {
        var spec = pa_sample_spec(format: PA_SAMPLE_FLOAT32LE, rate: UInt32(AudioBuffer.sampleRate), channels: 2)
        let bytesPerSecond = Double(AudioBuffer.sampleRate * 2 * MemoryLayout<Float>.size)
        var attributes = pa_buffer_attr(maxlength: UInt32.max, tlength: UInt32(bytesPerSecond * targetLatency),
                                        prebuf: UInt32.max, minreq: UInt32.max, fragsize: UInt32.max)
        var error: Int32 = 0
        stream = pa_simple_new(server, name, PA_STREAM_PLAYBACK, nil, "preview", &spec, nil, &attributes, &error)
        guard stream != nil else { throw .noAudioDevice(String(cString: pa_strerror(error))) }
    }

    deinit {
        if let stream { pa_simple_free(stream) }
    }

    public func write(_ buffer: AudioBuffer) throws(PlaybackError) {
        let n = buffer.frameCount
        if interleaved.count != 2 * n { interleaved = [Float](repeating: 0, count: 2 * n) }
        for i in 0..<n {
            interleaved[2 * i] = buffer.left[i]
            interleaved[2 * i + 1] = buffer.right[i]
        }
        lock.lock()
        defer { lock.unlock() }
        var error: Int32 = 0
        let result = interleaved.withUnsafeBytes { pa_simple_write(stream, $0.baseAddress, $0.count, &error) }
        if result < 0 { throw .noAudioDevice(String(cString: pa_strerror(error))) }
        let micros = pa_simple_get_latency(stream, &error)
        setLatency(error == 0 ? Double(micros) / 1e6 : 0)
    }

    public func flush() {
        lock.lock()
        defer { lock.unlock() }
        var error: Int32 = 0
        _ = pa_simple_flush(stream, &error)
        setLatency(0)
    }

    public var latency: Double {
        latencyLock.lock()
        defer { latencyLock.unlock() }
        return measuredLatency
    }

    private func setLatency(_ value: Double) {
        latencyLock.lock()
        measuredLatency = value
        latencyLock.unlock()
    }
}

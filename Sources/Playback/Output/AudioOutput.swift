import Media

/// Where decoded audio goes: PulseAudio in the app, anything in tests.
public protocol AudioOutput: AnyObject {
    /// Plays a buffer, blocking while the device's buffer is full (this paces playback).
    func write(_ buffer: AudioBuffer) throws(PlaybackError)
    /// Drops what is buffered but not yet heard (on stop and seek).
    func flush()
    /// Seconds of audio written but not yet heard.
    var latency: Double { get }
    /// Whether the sound keeps breaking up although the output has grown its buffer as far as
    /// it goes (a machine too busy to feed it): the one thing about underruns a user is told.
    var isStruggling: Bool { get }
}

extension AudioOutput {
    /// Outputs without a device buffer of their own never struggle.
    public var isStruggling: Bool { false }
}
